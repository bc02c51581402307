package org.eprescription.api.support;

import java.util.List;

/** Who a test acts as: the claims of the bearer token it sends (docs/operations.md, "Identity provider"). */
public record Identity(String subject, List<String> roles, String institutionId, String pharmacyId,
                       String patientId) {

    public Identity {
        roles = List.copyOf(roles);
    }

    public static Identity prescriber(String prescriberId, String institutionId) {
        return new Identity(prescriberId, List.of("PRESCRIBER"), institutionId, null, null);
    }

    public static Identity pharmacist(String pharmacistId, String pharmacyId) {
        return new Identity(pharmacistId, List.of("PHARMACIST"), null, pharmacyId, null);
    }

    /** A pharmacist of {@code pharmacyId} named as {@link Prescriptions} names them. */
    public static Identity pharmacist(String pharmacyId) {
        return pharmacist("RPH-" + pharmacyId, pharmacyId);
    }

    public static Identity patient(String patientId) {
        return new Identity(patientId, List.of("PATIENT"), null, null, patientId);
    }

    public static Identity auditor() {
        return new Identity("AUD-1", List.of("AUDITOR"), null, null, null);
    }

    public static Identity serviceDesk() {
        return new Identity("DESK-1", List.of("SERVICE_DESK"), null, null, null);
    }
}
