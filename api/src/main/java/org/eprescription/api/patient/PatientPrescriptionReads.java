package org.eprescription.api.patient;

import lombok.RequiredArgsConstructor;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.core.ids.PatientId;
import org.eprescription.query.prescription.FindPatientPrescriptions;
import org.eprescription.query.prescription.PatientPrescription;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * A patient's prescriptions, newest first, as the patient and auditors may read them, for
 * {@code GET /patients/{id}/prescriptions} and {@code GET /fhir/MedicationRequest?patient=} alike.
 */
@Component
@RequiredArgsConstructor
public class PatientPrescriptionReads {

    private final QueryGateway queries;
    private final ResourceAccess access;
    private final AccessLog accessLog;

    /** The patient's prescriptions, the read in the patient's access log; 403 for anyone but the patient or an auditor. */
    public List<PatientPrescription> readable(PatientId patient) {
        access.requirePatientOrAuditor(patient, true);
        accessLog.read(patient, "prescriptions");
        return of(patient);
    }

    /** Unchecked: for a caller already admitted. */
    List<PatientPrescription> of(PatientId patient) {
        return queries.query(new FindPatientPrescriptions(patient),
                ResponseTypes.multipleInstancesOf(PatientPrescription.class)).join();
    }
}
