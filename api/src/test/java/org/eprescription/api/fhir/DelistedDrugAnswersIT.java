package org.eprescription.api.fhir;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eprescription.api.support.Catalogues;
import org.eprescription.api.support.CdsHooksClient;
import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IsolatedDatabase;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.fhir.FhirBundles.all;
import static org.eprescription.api.fhir.FhirBundles.only;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.ZOLPIDEM;
import static org.eprescription.api.support.Prescriptions.ZOLPIDEM_GENERIC;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * A course of a drug the catalogue no longer knows cannot be compared (docs/alerts.md, "Drugs the catalogue does not
 * know"): a check that meets one says so, in the JSON answer ({@code alertCheck.complete: false} and the drug code)
 * and in the FHIR answer (an OperationOutcome warning), and so does a draft's check (its {@code alertCheck}, a CDS
 * Hooks warning card), instead of answering "nothing found".
 */
class DelistedDrugAnswersIT {


    @TempDir
    Path catalogueWithoutTheBrand;

    @Test
    void checksBesideACourseOfADelistedDrugSayTheyCouldNotCompareIt() throws IOException {
        Catalogues.writeWithoutDrug(catalogueWithoutTheBrand, ZOLPIDEM);
        String url = IsolatedDatabase.createAnother("px_delisted");
        String patient = unique("PAT");

        try (ConfigurableApplicationContext before = ExchangeNode.startOnDatabase(url)) {
            Response brand = ExchangeNode.api(before).post("/prescriptions",
                    issueFor(patient, "HOSP-A", ZOLPIDEM, 30));
            assertThat(brand.status()).as(brand.toString()).isEqualTo(201);
            assertThat(brand.body().path("alertCheck").path("complete").asBoolean()).isTrue();
        }

        try (ConfigurableApplicationContext after = ExchangeNode.startOnDatabase(url,
                List.of("--exchange.catalogue.directory=" + catalogueWithoutTheBrand))) {
            HttpApi api = ExchangeNode.api(after);

            Response generic = api.post("/prescriptions", issueFor(patient, "HOSP-B", ZOLPIDEM_GENERIC, 14));

            assertThat(generic.status()).as(generic.toString()).isEqualTo(201);
            assertThat(generic.body().path("alerts")).as("nothing could be compared with the brand").isEmpty();
            assertThat(generic.body().path("alertCheck").path("performed").asBoolean()).isTrue();
            assertThat(generic.body().path("alertCheck").path("complete").asBoolean())
                    .as("an empty list here is not \"nothing found\"").isFalse();
            assertThat(generic.body().path("alertCheck").path("unknownDrugCodes"))
                    .extracting(code -> code.asText()).containsExactly(ZOLPIDEM);

            Response draft = api.post("/duplicate-checks", Map.of("patientId", patient,
                    "lines", List.of(Map.of("drugCode", AMLODIPINE_BRAND, "days", 14))), prescriberHeaders("HOSP-B"));
            assertThat(draft.status()).as(draft.toString()).isEqualTo(200);
            assertThat(draft.body().path("alerts")).isEmpty();
            assertThat(draft.body().path("alertCheck").path("complete").asBoolean()).isFalse();
            assertThat(draft.body().path("alertCheck").path("unknownDrugCodes"))
                    .extracting(code -> code.asText()).containsExactly(ZOLPIDEM);

            CdsHooksClient cds = new CdsHooksClient(ExchangeNode.port(after), after.getBean(ObjectMapper.class));
            CdsHooksClient.Answer cards = cds.call("exchange-duplicate-check", cds.request("order-sign", patient,
                    cds.encoded(CdsHooksClient.draftOrders(patient, 14, AMLODIPINE_BRAND))).toString(),
                    Identity.prescriber("DOC-1", "HOSP-B"));
            assertThat(cards.status()).as(String.valueOf(cards.body())).isEqualTo(200);
            assertThat(cards.body().path("cards")).singleElement().satisfies(card -> {
                assertThat(card.path("indicator").asText()).isEqualTo("warning");
                assertThat(card.path("summary").asText()).startsWith("Interaction check incomplete");
                assertThat(card.path("detail").asText()).contains(ZOLPIDEM);
            });
            CdsHooksClient.Answer strangerCards = cds.call("exchange-duplicate-check", cds.request("order-sign",
                    patient, cds.encoded(CdsHooksClient.draftOrders(patient, 14, AMLODIPINE_BRAND))).toString(),
                    Identity.prescriber("DOC-9", unique("HOSP")));
            assertThat(strangerCards.body().path("cards")).singleElement().satisfies(card ->
                    assertThat(card.path("detail").asText()).as("the patient's medication")
                            .doesNotContain(ZOLPIDEM));

            Bundle throughFhir = createThroughFhir(after, patient, AMLODIPINE_BRAND);
            assertThat(all(throughFhir, DetectedIssue.class)).isEmpty();
            OperationOutcome.OperationOutcomeIssueComponent warning =
                    only(throughFhir, OperationOutcome.class).getIssueFirstRep();
            assertThat(warning.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.WARNING);
            assertThat(warning.getCode()).isEqualTo(OperationOutcome.IssueType.INCOMPLETE);
            assertThat(warning.getDetails().getCodingFirstRep().getCode()).isEqualTo("incomplete");
            assertThat(warning.getDiagnostics()).contains(ZOLPIDEM);

            String otherPatient = unique("PAT");
            Response unrelated = api.post("/prescriptions", issueFor(otherPatient, "HOSP-B", AMLODIPINE_BRAND, 14));
            assertThat(unrelated.body().path("alertCheck").path("complete").asBoolean()).isTrue();
            assertThat(unrelated.body().path("alertCheck").path("unknownDrugCodes")).isEmpty();
            assertThat(all(createThroughFhir(after, otherPatient, AMLODIPINE_BRAND), OperationOutcome.class))
                    .as("a complete check warns of nothing").isEmpty();
        }
    }

    private static Bundle createThroughFhir(ConfigurableApplicationContext exchange, String patient, String drug) {
        return new FhirTasks(ExchangeNode.port(exchange)).createdByANewHospital(patient, drug, 14, 14);
    }
}
