package org.eprescription.query.prescription;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.event.PrescriptionAccepted;
import org.eprescription.core.prescription.event.PrescriptionDispensed;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.query.prescription.PrescriptionFixtures.CATALOGUE;
import static org.eprescription.query.prescription.PrescriptionFixtures.PHARMACIST;
import static org.eprescription.query.prescription.PrescriptionFixtures.PHARMACY_A;
import static org.eprescription.query.prescription.PrescriptionFixtures.T;
import static org.eprescription.query.prescription.PrescriptionFixtures.issued;
import static org.eprescription.query.prescription.PrescriptionFixtures.item;
import static org.eprescription.query.testsupport.TestDatabase.OBJECT_MAPPER;

/** The view as the HTTP API (and a remote query bus) serialize it with the application's Jackson settings. */
class PrescriptionViewJsonTest {

    private final PrescriptionViewEvolver evolver = new PrescriptionViewEvolver(CATALOGUE);

    private PrescriptionView view() {
        PrescriptionId id = PrescriptionId.of("8d5c0f3e-6c1a-4f7e-9a57-3f0c2b9b1e11");
        PrescriptionView view = evolver.evolve(null, issued(id, 1), 0, T);
        view = evolver.evolve(view, new PrescriptionAccepted(id, PHARMACY_A, PHARMACIST, 1, T), 1, T);
        return evolver.evolve(view, new PrescriptionDispensed(id, PHARMACY_A, PHARMACIST, 1,
                List.of(item(1, "14", 14)), false, T, java.time.LocalDate.ofInstant(T, java.time.ZoneOffset.UTC), null, List.of()), 2, T);
    }

    @Test
    void carriesTheFieldNamesOfTheApiWithIsoDatesAndPlainIds() throws Exception {
        JsonNode json = OBJECT_MAPPER.valueToTree(view());

        assertThat(json.fieldNames()).toIterable().contains("prescriptionId", "status", "patient", "prescriber",
                "lines", "refills", "usesLeft", "validUntil", "pharmacyId", "dispensings", "version");
        assertThat(json.get("prescriptionId").asText()).isEqualTo("8d5c0f3e-6c1a-4f7e-9a57-3f0c2b9b1e11");
        assertThat(json.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(json.get("validUntil").asText()).isEqualTo("2026-12-02");
        assertThat(json.get("patient").get("birthDate").asText()).isEqualTo("1958-04-02");
        assertThat(json.get("pharmacyId").asText()).isEqualTo("PHARM-A");
        assertThat(json.get("dispensings").get(0).get("dispensedAt").asText()).isEqualTo("2026-11-30T10:00:00Z");
        assertThat(json.get("lines").get(0).get("drugCode").asText()).isEqualTo("2171022F1021");
        assertThat(json.get("usesLeft").asInt()).isEqualTo(2);
    }

    @Test
    void neverCarriesTheExchangeCodeOrItsHash() throws Exception {
        String json = OBJECT_MAPPER.writeValueAsString(view());

        assertThat(json).doesNotContainIgnoringCase("exchange").doesNotContain("hash-");
    }

    @Test
    void readsBackAsTheSameView() throws Exception {
        PrescriptionView view = view();

        assertThat(OBJECT_MAPPER.readValue(OBJECT_MAPPER.writeValueAsString(view), PrescriptionView.class))
                .isEqualTo(view);
    }
}
