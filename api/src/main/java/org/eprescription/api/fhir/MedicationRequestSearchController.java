package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.patient.PatientPrescriptionReads;
import org.eprescription.query.prescription.PatientPrescription;
import org.eprescription.query.prescription.PrescriptionView;
import org.eprescription.query.prescription.ViewLine;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /fhir/MedicationRequest?patient=}: the lines of the patient's prescriptions, newest prescription first,
 * as {@code GET /api/v1/patients/{id}/prescriptions} lists them (who may read them and the access log entry are
 * {@link PatientPrescriptionReads#readable}'s), one MedicationRequest per line; without a total, and saying why,
 * while the patient's events wait in the dead-letter queue.
 */
@RestController
@RequestMapping(FhirPaths.BASE)
@RequiredArgsConstructor
class MedicationRequestSearchController {

    private final Searchsets searchsets;
    private final PrescriptionEntries entries;
    private final PatientPrescriptionReads prescriptions;
    private final AlertKnowledge knowledge;

    @GetMapping(FhirPaths.MEDICATION_REQUEST)
    ResponseEntity<byte[]> search(HttpServletRequest request) {
        return searchsets.byPatientPartly(request, "MedicationRequest", patient -> {
            List<FhirEntry> found = new ArrayList<>();
            for (PatientPrescription prescription : prescriptions.readable(patient)) {
                PrescriptionView view = prescription.view();
                for (ViewLine line : view.lines()) {
                    found.add(entries.request(view, line));
                }
            }
            // the JSON list's upToDate false: a prescription or a change may not be in the view yet
            return new Searchsets.Matches(found, knowledge.lettersPending(patient).orElse(null));
        });
    }
}
