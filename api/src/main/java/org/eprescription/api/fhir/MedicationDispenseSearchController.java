package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.prescription.PrescriptionReads;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.DispensedItem;
import org.eprescription.query.prescription.Dispensing;
import org.eprescription.query.prescription.PrescriptionView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /fhir/MedicationDispense?prescription=}: every item of every dispensing of the prescription, in the order
 * dispensed, read as {@code GET /api/v1/prescriptions/{id}} reads it ({@link PrescriptionReads}: who may read it, the
 * access log entry).
 */
@RestController
@RequestMapping(FhirPaths.BASE)
@RequiredArgsConstructor
class MedicationDispenseSearchController {

    static final String PRESCRIPTION = "prescription";

    private final Searchsets searchsets;
    private final MedicationDispenseMapper dispenses;
    private final PrescriptionReads reads;

    @GetMapping(FhirPaths.MEDICATION_DISPENSE)
    ResponseEntity<byte[]> search(HttpServletRequest request) {
        return searchsets.answer(request, "MedicationDispense", List.of(PRESCRIPTION), parameters -> {
            String id = parameters.requiredId(PRESCRIPTION, "Task");
            PrescriptionView view = reads.readable(new PrescriptionId(prescriptionId(id)));
            List<Searchsets.Match> found = new ArrayList<>();
            for (Dispensing dispensing : view.dispensings()) {
                int index = 0;
                for (DispensedItem item : dispensing.items()) {
                    found.add(Searchsets.Match.byUuid(TaskBundleWriter.dispenseId(view, dispensing, index++),
                            dispenses.of(view, dispensing, item)));
                }
            }
            return found;
        });
    }

    private static UUID prescriptionId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException notAnId) {
            throw FhirRequestException.malformed("prescription must be a prescription id, not " + value);
        }
    }
}
