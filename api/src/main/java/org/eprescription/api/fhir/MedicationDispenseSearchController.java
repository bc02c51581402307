package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.prescription.PrescriptionReads;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.prescription.PrescriptionView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;
import java.util.stream.IntStream;

/**
 * {@code GET /fhir/MedicationDispense?prescription=}: every item of every dispensing of the prescription, in the order
 * dispensed, read as {@code GET /api/v1/prescriptions/{id}} reads it ({@link PrescriptionReads}: who may read it, the
 * access log entry).
 */
@RestController
@RequestMapping(FhirPaths.BASE)
@RequiredArgsConstructor
class MedicationDispenseSearchController {

    private final Searchsets searchsets;
    private final PrescriptionEntries entries;
    private final PrescriptionReads reads;

    @GetMapping(FhirPaths.MEDICATION_DISPENSE)
    ResponseEntity<byte[]> search(HttpServletRequest request) {
        return searchsets.byReference(request, "MedicationDispense", Searchsets.PRESCRIPTION, "Task", id -> {
            PrescriptionView view = reads.readable(new PrescriptionId(prescriptionId(id)));
            return view.dispensings().stream()
                    .flatMap(dispensing -> IntStream.range(0, dispensing.items().size())
                            .mapToObj(index -> entries.dispense(view, dispensing, index)))
                    .toList();
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
