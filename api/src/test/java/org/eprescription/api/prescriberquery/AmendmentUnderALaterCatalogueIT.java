package org.eprescription.api.prescriberquery;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.Catalogues;
import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.IsolatedDatabase;
import org.eprescription.api.support.Lifecycle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.LOXOPROFEN_TABLET;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.line;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * An amendment answered after the catalogue changed (docs/domain.md, "A query to the prescriber"): the lines it
 * changes are judged by the catalogue of the day of the answer; a line it leaves as it was keeps what its issue
 * decided and recorded, though its drug has since been delisted or its limits tightened.
 */
class AmendmentUnderALaterCatalogueIT {

    private static final String LAST_YEARS_NAME = "Amlodipine 5 mg (name of last year)";

    @TempDir
    Path catalogueAtIssue;
    @TempDir
    Path catalogueAtAnswer;

    /** Issued with amlodipine 28 days (line 1) and loxoprofen 7 days (line 2), held by {@code pharmacy}. */
    private static String issuedAndHeld(HttpApi api, String institution, String pharmacy, int refills) {
        Map<String, Object> body = issueFor(unique("PAT"), institution, AMLODIPINE_BRAND, 28);
        body.put("lines", List.of(line(1, AMLODIPINE_BRAND, 28, 28), line(2, LOXOPROFEN_TABLET, 21, 7)));
        body.put("refills", refills);
        return Lifecycle.acceptedBy(api, pharmacy, body).path();
    }

    private static String ask(HttpApi api, String prescription, String pharmacy, Map<String, Object> proposed) {
        Response asked = api.post(prescription + "/queries", Map.of("question", "change a line?",
                "pharmacyId", pharmacy, "proposedLines", List.of(proposed)));
        assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
        return asked.text("queryId");
    }

    private static Response answer(HttpApi api, String prescription, String institution, String queryId) {
        return api.post(prescription + "/queries/" + queryId + "/answer",
                Map.of("answer", "agreed", "acceptChange", true), prescriberHeaders(institution));
    }

    @Test
    void aChangeToLineTwoIsAcceptedWhenLineOnesDrugWasDelistedAndLineOneKeepsItsRecordedName() throws IOException {
        Catalogues.writeWithRenamedDrug(catalogueAtIssue, AMLODIPINE_BRAND, LAST_YEARS_NAME);
        Catalogues.writeWithoutDrug(catalogueAtAnswer, AMLODIPINE_BRAND);
        String url = IsolatedDatabase.createAnother("px_amend_delisted");
        String institution = unique("HOSP");
        String pharmacy = unique("PH");

        String prescription;
        String queryId;
        try (ConfigurableApplicationContext before = start(url, catalogueAtIssue)) {
            HttpApi api = ExchangeNode.api(before);
            prescription = issuedAndHeld(api, institution, pharmacy, 0);
            queryId = ask(api, prescription, pharmacy, line(2, LOXOPROFEN_TABLET, 9, 3));
        }

        try (ConfigurableApplicationContext after = start(url, catalogueAtAnswer)) {
            HttpApi api = ExchangeNode.api(after);
            Response answered = answer(api, prescription, institution, queryId);

            assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
            JsonNode lines = answered.body().path("lines");
            assertThat(lines.get(1).path("days").asInt()).as("line 2 amended").isEqualTo(3);
            JsonNode view = api.get(prescription).body();
            assertThat(view.path("lines").get(0).path("drugName").asText())
                    .as("line 1 as its issue recorded it").isEqualTo(LAST_YEARS_NAME);
            assertThat(view.path("lines").get(1).path("days").asInt()).isEqualTo(3);
            verifyWithoutDifferences(api);
        }
    }

    @Test
    void tightenedLimitsOfAnUnchangedLineRefuseNothingAndAChangedLineIsJudgedByThem() throws IOException {
        // amlodipine may no longer be refilled and is allowed 14 days; the prescription has a refill and 28 days of it
        Catalogues.writeWithLimits(catalogueAtAnswer, AMLODIPINE_BRAND, false, 14);
        String url = IsolatedDatabase.createAnother("px_amend_limits");
        String institution = unique("HOSP");
        String pharmacy = unique("PH");

        String prescription;
        String aboutLoxoprofen;
        String aboutAmlodipine;
        try (ConfigurableApplicationContext before = start(url, null)) {
            HttpApi api = ExchangeNode.api(before);
            prescription = issuedAndHeld(api, institution, pharmacy, 1);
            aboutLoxoprofen = ask(api, prescription, pharmacy, line(2, LOXOPROFEN_TABLET, 9, 3));
            Map<String, Object> amlodipineInTheEvening = line(1, AMLODIPINE_BRAND, 28, 28);
            amlodipineInTheEvening.put("dosage", "1 tablet once daily after supper");
            aboutAmlodipine = ask(api, prescription, pharmacy, amlodipineInTheEvening);
        }

        try (ConfigurableApplicationContext after = start(url, catalogueAtAnswer)) {
            HttpApi api = ExchangeNode.api(after);
            Response unchangedAmlodipine = answer(api, prescription, institution, aboutLoxoprofen);
            assertThat(unchangedAmlodipine.status()).as(unchangedAmlodipine.toString()).isEqualTo(200);

            Response changedAmlodipine = answer(api, prescription, institution, aboutAmlodipine);
            assertThat(changedAmlodipine.status()).as(changedAmlodipine.toString()).isEqualTo(422);
            assertThat(changedAmlodipine.text("refusal")).isEqualTo("DAYS_ABOVE_LONGEST_SUPPLY");
            verifyWithoutDifferences(api);
        }
    }

    private static void verifyWithoutDifferences(HttpApi api) {
        for (String projection : List.of("prescription-view", "medication-alerts")) {
            Response verified = api.post("/admin/projections/" + projection + "/verify", Map.of());
            assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
            assertThat(verified.body().path("differences").asLong()).as(projection + ": " + verified).isZero();
        }
    }

    private static ConfigurableApplicationContext start(String url, Path catalogue) {
        return catalogue == null ? ExchangeNode.startOnDatabase(url)
                : ExchangeNode.startOnDatabase(url, List.of("--exchange.catalogue.directory=" + catalogue));
    }
}
