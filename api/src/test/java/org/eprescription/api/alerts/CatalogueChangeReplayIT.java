package org.eprescription.api.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.Catalogues;
import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.IsolatedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * History does not change when reference data changes (docs/alerts.md): prescriptions checked under a catalogue
 * without a contraindicated pair keep "nothing found" when the exchange restarts with the full catalogue and the
 * alert projection is replayed, while new checks use the new catalogue.
 */
class CatalogueChangeReplayIT {

    private static final String KEY = "catalogue-change-test-key-0123456789abcdef";
    private static final String SUVOREXANT = "1190023F1022";
    private static final String CLARITHROMYCIN = "6149003F1025";
    private static final String AMLODIPINE = "2171022F1021";

    @TempDir
    Path catalogueWithoutThePair;

    @Test
    void aReplayUnderTheFullCatalogueShowsExactlyTheAlertsThatWereShown() throws IOException {
        Catalogues.writeWithoutPair(catalogueWithoutThePair, "suvorexant,clarithromycin");
        String url = IsolatedDatabase.createAnother("px_catalogue");
        String patient = unique("PAT");

        String catalogueBefore;
        try (ConfigurableApplicationContext before = start(url, "--exchange.catalogue.directory="
                + catalogueWithoutThePair)) {
            HttpApi api = api(before);
            api.post("/prescriptions", issueFor(patient, "HOSP-A", SUVOREXANT, 14));
            Response antibiotic = api.post("/prescriptions", issueFor(patient, "HOSP-B", CLARITHROMYCIN, 14));
            assertThat(antibiotic.status()).as(antibiotic.toString()).isEqualTo(201);
            assertThat(antibiotic.body().path("alerts")).as("this catalogue lists no such pair").isEmpty();
            catalogueBefore = antibiotic.body().path("alertCheck").path("catalogueVersion").asText();
        }

        try (ConfigurableApplicationContext after = start(url)) {
            HttpApi api = api(after);
            Response replay = api.post("/admin/projections/medication-alerts/replay", Map.of());
            assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(
                    projection(api, "medication-alerts").path("lastReplay").path("outcome").asText()));

            assertThat(api.get("/patients/" + patient + "/alerts").body().path("alerts"))
                    .as("no alert that no prescriber was shown").isEmpty();
            Response verified = api.post("/admin/projections/medication-alerts/verify", Map.of());
            assertThat(verified.body().path("differences").asLong()).as(verified.toString()).isZero();

            Response another = api.post("/prescriptions", issueFor(patient, "HOSP-C", CLARITHROMYCIN, 14));
            assertThat(another.body().path("alertCheck").path("catalogueVersion").asText())
                    .isNotEqualTo(catalogueBefore);
            List<String> types = new ArrayList<>();
            another.body().path("alerts").forEach(alert -> types.add(alert.path("type").asText()));
            assertThat(types).as("a new check uses the catalogue of today").contains("CONTRAINDICATED");
        }
    }

    @Test
    void aRenamedDrugChangesNoRowOfThePrescriptionViewOnlyTheNameItIsShownBy() throws IOException {
        Catalogues.writeWithRenamedDrug(catalogueWithoutThePair, AMLODIPINE, "Amlodipine 5 mg (name of last year)");
        String url = IsolatedDatabase.createAnother("px_renamed");

        String prescription;
        try (ConfigurableApplicationContext before = start(url, "--exchange.catalogue.directory="
                + catalogueWithoutThePair)) {
            Response issued = api(before).post("/prescriptions", issueFor(unique("PAT"), "HOSP-A", AMLODIPINE, 28));
            assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
            assertThat(issued.body().path("lines").get(0).path("drugName").asText())
                    .isEqualTo("Amlodipine 5 mg (name of last year)");
            prescription = issued.text("prescriptionId");
        }

        try (ConfigurableApplicationContext after = start(url)) {
            HttpApi api = api(after);
            String renamed = api.get("/prescriptions/" + prescription).body().path("lines").get(0).path("drugName")
                    .asText();
            Response verified = api.post("/admin/projections/prescription-view/verify", Map.of());

            assertThat(renamed).as("the name of the catalogue it runs with").isNotBlank()
                    .isNotEqualTo("Amlodipine 5 mg (name of last year)");
            assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
            assertThat(verified.body().path("differences").asLong()).as(verified.toString()).isZero();
        }
    }

    private static JsonNode projection(HttpApi api, String name) {
        for (JsonNode status : api.get("/admin/projections").body().path("projections")) {
            if (status.path("name").asText().equals(name)) {
                return status;
            }
        }
        throw new AssertionError("no projection " + name);
    }

    private static ConfigurableApplicationContext start(String url, String... more) {
        return ExchangeNode.start(url, KEY, List.of(more));
    }

    private static HttpApi api(ConfigurableApplicationContext context) {
        return ExchangeNode.api(context);
    }
}
