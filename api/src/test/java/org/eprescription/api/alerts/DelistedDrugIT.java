package org.eprescription.api.alerts;

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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * A course of a drug the catalogue no longer knows cannot be compared (docs/alerts.md, "Drugs the catalogue does not
 * know"): a check that meets one says it was incomplete and names the drug, instead of answering "nothing found".
 */
class DelistedDrugIT {

    private static final String KEY = "delisted-drug-test-key-0123456789abcdef";
    private static final String ZOLPIDEM_BRAND = "1129009F1025";
    private static final String ZOLPIDEM_GENERIC = "1129009F1211";
    private static final String AMLODIPINE = "2171022F1021";

    @TempDir
    Path catalogueWithoutTheBrand;

    @Test
    void aCheckBesideACourseOfADelistedDrugSaysItCouldNotCompareIt() throws IOException {
        Catalogues.writeWithoutDrug(catalogueWithoutTheBrand, ZOLPIDEM_BRAND);
        String url = IsolatedDatabase.createAnother("px_delisted");
        String patient = unique("PAT");

        try (ConfigurableApplicationContext before = ExchangeNode.start(url, KEY, List.of())) {
            Response brand = ExchangeNode.api(before).post("/prescriptions",
                    issueFor(patient, "HOSP-A", ZOLPIDEM_BRAND, 30));
            assertThat(brand.status()).as(brand.toString()).isEqualTo(201);
            assertThat(brand.body().path("alertCheck").path("complete").asBoolean()).isTrue();
        }

        try (ConfigurableApplicationContext after = ExchangeNode.start(url, KEY,
                List.of("--exchange.catalogue.directory=" + catalogueWithoutTheBrand))) {
            HttpApi api = ExchangeNode.api(after);

            Response generic = api.post("/prescriptions", issueFor(patient, "HOSP-B", ZOLPIDEM_GENERIC, 14));

            assertThat(generic.status()).as(generic.toString()).isEqualTo(201);
            assertThat(generic.body().path("alerts")).as("nothing could be compared with the brand").isEmpty();
            assertThat(generic.body().path("alertCheck").path("performed").asBoolean()).isTrue();
            assertThat(generic.body().path("alertCheck").path("complete").asBoolean())
                    .as("an empty list here is not \"nothing found\"").isFalse();
            assertThat(generic.body().path("alertCheck").path("unknownDrugCodes"))
                    .extracting(code -> code.asText()).containsExactly(ZOLPIDEM_BRAND);

            Response unrelated = api.post("/prescriptions", issueFor(unique("PAT"), "HOSP-B", AMLODIPINE, 14));
            assertThat(unrelated.body().path("alertCheck").path("complete").asBoolean()).isTrue();
            assertThat(unrelated.body().path("alertCheck").path("unknownDrugCodes")).isEmpty();
        }
    }
}
