package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.patient.PatientPrescriptionReads;
import org.eprescription.core.ids.PatientId;
import org.eprescription.query.prescription.PatientPrescription;
import org.eprescription.query.prescription.PrescriptionView;
import org.eprescription.query.prescription.ViewLine;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /fhir/MedicationRequest?patient=}: the lines of the patient's prescriptions, newest prescription first,
 * as {@code GET /api/v1/patients/{id}/prescriptions} lists them (who may read them and the access log entry are
 * {@link PatientPrescriptionReads#readable}'s), one MedicationRequest per line.
 */
@RestController
@RequestMapping(FhirPaths.BASE)
@RequiredArgsConstructor
class MedicationRequestSearchController {

    static final String PATIENT = "patient";

    private final FhirResources resources;
    private final MedicationRequestMapper requests;
    private final PatientPrescriptionReads prescriptions;
    private final Clock clock;

    @GetMapping(FhirPaths.MEDICATION_REQUEST)
    ResponseEntity<byte[]> search(HttpServletRequest request) {
        FhirFormat format = FhirNegotiation.answerFormat(request);
        PatientId patient = PatientId.of(SearchParameters.of(request, "MedicationRequest", PATIENT)
                .requiredId(PATIENT, "Patient"));
        List<Searchsets.Match> found = new ArrayList<>();
        for (PatientPrescription prescription : prescriptions.readable(patient)) {
            PrescriptionView view = prescription.view();
            for (ViewLine line : view.lines()) {
                MedicationRequest medicationRequest = requests.of(view, line);
                String id = TaskBundleWriter.requestId(view, line.lineNumber()).toString();
                medicationRequest.setId(id);
                found.add(new Searchsets.Match("urn:uuid:" + id, medicationRequest));
            }
        }
        return resources.answer(HttpStatus.OK, Searchsets.of(found, clock), format);
    }
}
