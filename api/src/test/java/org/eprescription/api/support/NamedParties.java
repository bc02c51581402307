package org.eprescription.api.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a request acts as when a test does not say: the party the request itself names (the body's prescriber or
 * pharmacy, the cancel headers of the earlier API, the patient, institution or pharmacy in the path), else an
 * auditor for reads. Tests about something other than security read as before; the security tests
 * ({@code security/*IT}) always say who acts.
 */
final class NamedParties {

    private static final Pattern PATIENT = Pattern.compile("^/patients/([^/]+)/.*");
    private static final Pattern INSTITUTION = Pattern.compile("^/institutions/([^/]+)/.*");
    private static final Pattern PHARMACY = Pattern.compile("^/pharmacies/([^/]+)/.*");

    private NamedParties() {
    }

    static Identity of(String method, String path, JsonNode body, Map<String, String> headers) {
        String route = path.split("\\?")[0];
        Matcher patient = PATIENT.matcher(route);
        if (patient.matches()) {
            return Identity.patient(patient.group(1));
        }
        Matcher institution = INSTITUTION.matcher(route);
        if (institution.matches()) {
            return Identity.prescriber("DOC-1", institution.group(1));
        }
        Matcher pharmacy = PHARMACY.matcher(route);
        if (pharmacy.matches()) {
            return Identity.pharmacist(pharmacy.group(1));
        }
        if (!"POST".equals(method) || route.startsWith("/admin/") || route.startsWith("/audit/")) {
            return Identity.auditor();
        }
        if (route.equals("/prescriptions")) {
            JsonNode prescriber = body == null ? null : body.path("prescriber");
            return prescriber == null || !prescriber.isObject()
                    ? Identity.prescriber("DOC-1", "HOSP-1")
                    : Identity.prescriber(prescriber.path("id").asText("DOC-1"),
                    prescriber.path("institutionId").asText("HOSP-1"));
        }
        String pharmacyId = body == null ? "" : body.path("pharmacyId").asText("");
        if (route.endsWith("/accept") || route.endsWith("/dispense") || route.endsWith("/release")
                || route.endsWith("/correct") || route.endsWith("/queries")
                || (route.endsWith("/acknowledge") && !pharmacyId.isBlank())) {
            if (pharmacyId.isBlank()) {
                return Identity.pharmacist("PHARM-1");
            }
            String pharmacist = body.path("pharmacistId").asText("");
            return Identity.pharmacist(pharmacist.isBlank()
                    ? (route.endsWith("/acknowledge") ? pharmacyId : "RPH-" + pharmacyId) : pharmacist, pharmacyId);
        }
        String prescriber = headers.getOrDefault("X-Prescriber-Id", "DOC-1");
        String institutionId = headers.getOrDefault("X-Institution-Id", "HOSP-1");
        return Identity.prescriber(prescriber, institutionId);
    }
}
