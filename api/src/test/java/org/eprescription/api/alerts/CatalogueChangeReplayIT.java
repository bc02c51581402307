package org.eprescription.api.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.Catalogues;
import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IsolatedDatabase;
import org.eprescription.api.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * History does not change when reference data changes (docs/alerts.md, docs/architecture.md "Reference data"):
 * prescriptions checked under a catalogue without a contraindicated pair keep "nothing found" when the exchange
 * restarts with the full catalogue and the alert projection is replayed, while new checks use the new catalogue; and a
 * prescription and a registered dispensing keep the drug names, ingredients and route they were recorded with when the
 * drug is renamed and then delisted.
 */
class CatalogueChangeReplayIT {

    private static final String SUVOREXANT = "1190023F1022";
    private static final String CLARITHROMYCIN = "6149003F1025";

    private static final String LAST_YEARS_NAME = "Amlodipine 5 mg (name of last year)";
    private static final String AMLODIPINE_JA = "アムロジピン錠5mg（先発A）";

    @TempDir
    Path catalogueWithoutThePair;
    @TempDir
    Path catalogueWithoutTheDrug;

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
    void whatAPrescriptionAndARecordShowedStaysWhatTheyShowedWhenTheDrugIsRenamedAndThenDelisted()
            throws IOException, InterruptedException {
        Catalogues.writeWithRenamedDrug(catalogueWithoutThePair, AMLODIPINE_BRAND, LAST_YEARS_NAME);
        Catalogues.writeWithoutDrug(catalogueWithoutTheDrug, AMLODIPINE_BRAND);
        String url = IsolatedDatabase.createAnother("px_renamed");
        String patient = unique("PAT");
        String pharmacy = unique("PH");

        String prescription;
        String record;
        Instant afterIssue;
        try (ConfigurableApplicationContext before = start(url, "--exchange.catalogue.directory="
                + catalogueWithoutThePair)) {
            HttpApi api = api(before);
            Response issued = api.post("/prescriptions", issueFor(patient, "HOSP-A", AMLODIPINE_BRAND, 28));
            assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
            assertThat(issued.body().path("lines").get(0).path("drugName").asText()).isEqualTo(LAST_YEARS_NAME);
            prescription = issued.text("prescriptionId");
            afterIssue = Instant.now();
            Response registered = api.as(Identity.pharmacist(pharmacy)).post("/dispensing-records", Map.of(
                    "patient", Map.of("id", patient, "birthDate", BIRTH_DATE.toString()),
                    "prescribingInstitutionId", unique("CLINIC"),
                    "items", List.of(Map.of("drugCode", AMLODIPINE_BRAND, "quantity", 14, "days", 14))));
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            assertThat(registered.body().path("items").get(0).path("drugName").asText()).isEqualTo(LAST_YEARS_NAME);
            record = registered.text("recordId");
        }

        try (ConfigurableApplicationContext after = start(url, "--exchange.catalogue.directory="
                + catalogueWithoutTheDrug)) {
            HttpApi api = api(after);

            JsonNode line = api.get("/prescriptions/" + prescription).body().path("lines").get(0);
            assertThat(line.path("drugName").asText()).as("the view").isEqualTo(LAST_YEARS_NAME);
            assertThat(line.path("drugNameJa").asText()).isEqualTo(AMLODIPINE_JA);
            Response asOf = api.as(Identity.auditor()).get("/audit/prescriptions/" + prescription + "/state?asOf="
                    + afterIssue);
            assertThat(asOf.status()).as(asOf.toString()).isEqualTo(200);
            assertThat(asOf.body().path("lines").get(0).path("drugName").asText()).as("the state as of the issue")
                    .isEqualTo(LAST_YEARS_NAME);
            assertThat(fhir(after, "/MedicationRequest?patient=" + patient)).as("the FHIR read")
                    .contains(LAST_YEARS_NAME);
            // the record's check may reach the medication list only now, processed under the catalogue without it
            HttpApi auditor = api.as(Identity.auditor());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode list = auditor.get("/patients/" + patient + "/medications").body();
                assertThat(list.path("current")).as(list.toString()).hasSize(2);
            });
            List<JsonNode> courses = new ArrayList<>();
            auditor.get("/patients/" + patient + "/medications").body().path("current").forEach(courses::add);
            assertThat(courses).as("the medication list").hasSize(2).allSatisfy(course -> {
                assertThat(course.path("drugName").asText()).isEqualTo(LAST_YEARS_NAME);
                assertThat(course.path("ingredients")).extracting(JsonNode::asText).containsExactly("amlodipine");
                assertThat(course.path("route").asText()).isEqualTo("ORAL");
            });
            Response recordRead = api.as(Identity.pharmacist(pharmacy)).get("/dispensing-records/" + record);
            assertThat(recordRead.status()).as(recordRead.toString()).isEqualTo(200);
            assertThat(recordRead.body().path("items").get(0).path("drugName").asText()).as("the record read")
                    .isEqualTo(LAST_YEARS_NAME);

            for (String projection : List.of("prescription-view", "medication-alerts")) {
                Response verified = api.post("/admin/projections/" + projection + "/verify", Map.of());
                assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
                assertThat(verified.body().path("differences").asLong()).as(projection + ": " + verified).isZero();
            }
        }
    }

    @Test
    void aSubstituteIsJudgedByItsOwnLimitsWhenItGoesOutAndNeverAgain() throws IOException {
        // two dose-true generics of amlodipine 5 mg: one not for refill prescriptions, one for 14 days at most
        String notForRefills = "2171022F4020";
        String fourteenDays = "2171022F5027";
        String generic = ",amlodipine,oral,2171,coronary vasodilators,tablet,5 mg,tablet,oral-solid,";
        Catalogues.writeWithDrugs(catalogueWithoutThePair, notForRefills + ",Amlodipine 5 mg (generic N)" + generic
                + "no,,", fourteenDays + ",Amlodipine 5 mg (generic F)" + generic + "yes,14,");
        String url = IsolatedDatabase.createAnother("px_substitute_limits");
        String pharmacy = unique("PH");

        String prescription;
        try (ConfigurableApplicationContext before = start(url, "--exchange.catalogue.directory="
                + catalogueWithoutThePair)) {
            HttpApi api = api(before);
            Map<String, Object> body = new HashMap<>(issue(unique("HOSP")));
            body.put("refills", 1);
            Response issued = api.post("/prescriptions", body);
            assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
            prescription = "/prescriptions/" + issued.text("prescriptionId");
            Response accepted = api.post("/prescriptions/accept", accept(issued.text("exchangeCode"), BIRTH_DATE,
                    pharmacy));
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);

            Response notRefillable = api.post(prescription + "/dispense", dispense(pharmacy, false,
                    item(1, notForRefills, 28, 28)));
            assertThat(notRefillable.status()).as(notRefillable.toString()).isEqualTo(422);
            assertThat(notRefillable.text("refusal")).isEqualTo("REFILL_NOT_ALLOWED");
            Response tooLong = api.post(prescription + "/dispense", dispense(pharmacy, false,
                    item(1, fourteenDays, 28, 14)));
            assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(422);
            assertThat(tooLong.text("refusal")).isEqualTo("DAYS_ABOVE_LONGEST_SUPPLY");
            Response within = api.post(prescription + "/dispense", dispense(pharmacy, false,
                    item(1, fourteenDays, 14, 14)));
            assertThat(within.status()).as(within.toString()).isEqualTo(200);
            JsonNode recorded = null;
            for (JsonNode event : api.as(Identity.auditor()).get("/audit" + prescription + "/events").body()) {
                if (event.path("type").asText().equals("PrescriptionDispensed")) {
                    recorded = event.path("payload").path("substitutes");
                }
            }
            assertThat(recorded).as("the limits it went out under are in the event").isNotNull();
            assertThat(recorded.get(0).path("drugCode").asText()).isEqualTo(fourteenDays);
            assertThat(recorded.get(0).path("maxDays").asInt()).isEqualTo(14);
        }

        // a later list allows the generic 7 days only: what went out is not judged again, views rebuild the same
        Catalogues.writeWithDrugs(catalogueWithoutThePair, notForRefills + ",Amlodipine 5 mg (generic N)" + generic
                + "yes,,", fourteenDays + ",Amlodipine 5 mg (generic F)" + generic + "yes,7,");
        try (ConfigurableApplicationContext after = start(url, "--exchange.catalogue.directory="
                + catalogueWithoutThePair)) {
            HttpApi api = api(after);
            Response rest = api.post(prescription + "/dispense", dispense(pharmacy, false,
                    item(1, AMLODIPINE_BRAND, 14, 14)));
            assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
            assertThat(rest.body().path("status").asText()).isEqualTo("AWAITING_REFILL");
            for (String projection : List.of("prescription-view", "medication-alerts")) {
                Response verified = api.post("/admin/projections/" + projection + "/verify", Map.of());
                assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
                assertThat(verified.body().path("differences").asLong()).as(verified.toString()).isZero();
            }
        }
    }

    /** The body of a FHIR read, as an auditor. */
    private static String fhir(ConfigurableApplicationContext context, String path)
            throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + ExchangeNode.port(context) + "/fhir" + path))
                .header("Authorization", "Bearer " + TestTokens.of(Identity.auditor())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
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
        return ExchangeNode.startOnDatabase(url, more);
    }

    private static HttpApi api(ConfigurableApplicationContext context) {
        return ExchangeNode.api(context);
    }
}
