package org.eprescription.api.support;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A prescription's first steps through an exchange's JSON API, each checked to have succeeded: the shared test
 * context's ({@link ExchangeIntegrationTest}) or a node's a test started itself ({@link ExchangeNode#api}).
 */
public final class Lifecycle {

    private Lifecycle() {
    }

    /** Issues the body and checks it was created. */
    public static IssuedPrescription issued(HttpApi api, Map<String, Object> body) {
        HttpApi.Response response = api.post("/prescriptions", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        String institution = ((Map<String, Object>) body.get("prescriber")).get("institutionId").toString();
        return new IssuedPrescription(response.text("prescriptionId"), response.text("exchangeCode"), institution,
                body);
    }

    /** The pharmacy accepts the prescription with its exchange code and the patient's birth date; checks it did. */
    public static void accepted(HttpApi api, IssuedPrescription prescription, String pharmacy) {
        HttpApi.Response accepted = api.post("/prescriptions/accept",
                Prescriptions.accept(prescription.exchangeCode(), Prescriptions.BIRTH_DATE, pharmacy));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    }

    /** Issues the body, and the pharmacy accepts it. */
    public static IssuedPrescription acceptedBy(HttpApi api, String pharmacy, Map<String, Object> body) {
        IssuedPrescription prescription = issued(api, body);
        accepted(api, prescription, pharmacy);
        return prescription;
    }
}
