package org.eprescription.api.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eprescription.api.support.AdminProjections;
import org.eprescription.api.support.CdsHooksClient;
import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IsolatedDatabase;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.ZOLPIDEM;
import static org.eprescription.api.support.Prescriptions.ZOLPIDEM_GENERIC;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * What was issued while alerts were switched off is not in the course record, so a check after alerts are switched on
 * again cannot compare it: its answers say so ({@code complete: false}, {@code uncheckedCourses}), as JSON, as a CDS
 * Hooks card and as a FHIR OperationOutcome, instead of "checked, nothing found" (docs/alerts.md, "After alerts were
 * switched off"). A prescription cancelled before anything was handed out leaves nothing unchecked; one handed out
 * counts for its days. What the commands' transactions wrote to the tables the checks read is what a rebuild from the
 * events gives (verify).
 */
class AlertsSwitchedOnAgainIT {


    @Test
    void checksAfterAnOffPeriodSayTheyCouldNotCompareWhatWasIssuedMeanwhile() {
        String url = IsolatedDatabase.createAnother("px_alerts_on_again");
        String patient = unique("PAT");
        String cancelledPatient = unique("PAT");
        String dispensedPatient = unique("PAT");

        try (ConfigurableApplicationContext off = ExchangeNode.startOnDatabase(url,
                "--exchange.alerts.enabled=false")) {
            HttpApi api = ExchangeNode.api(off);
            Response zolpidem = api.post("/prescriptions", issueFor(patient, "HOSP-A", ZOLPIDEM, 30));
            assertThat(zolpidem.status()).as(zolpidem.toString()).isEqualTo(201);
            assertThat(zolpidem.body().path("alertCheck").path("performed").asBoolean()).isFalse();
            assertThat(zolpidem.body().has("alerts")).isFalse();
            FhirHttp.Answer detectedIssues = new FhirHttp(ExchangeNode.port(off))
                    .get("/DetectedIssue?patient=" + patient, Identity.patient(patient), Map.of());
            assertThat(detectedIssues.status()).as(detectedIssues.toString()).isEqualTo(200);
            Bundle noneKept = detectedIssues.as(Bundle.class);
            assertThat(noneKept.hasTotal()).as("no alerts are kept: total 0 would read as no conflict").isFalse();
            assertThat(noneKept.getEntry()).singleElement().satisfies(entry -> assertThat(
                    ((OperationOutcome) entry.getResource()).getIssueFirstRep().getDiagnostics())
                    .contains("switched off"));

            Map<String, Object> mistake = issueFor(cancelledPatient, "HOSP-A", ZOLPIDEM, 30);
            assertThat(api.post("/prescriptions", mistake).status()).isEqualTo(201);
            Response cancelled = api.post("/prescriptions/" + mistake.get("prescriptionId") + "/cancel",
                    Map.of("reason", "wrong patient"), prescriberHeaders("HOSP-A"));
            assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);

            // handed out and completed while off: the dispensing moves it, the completion ends what was planned
            Response handedOut = api.post("/prescriptions", issueFor(dispensedPatient, "HOSP-A", ZOLPIDEM, 30));
            assertThat(handedOut.status()).isEqualTo(201);
            String pharmacy = unique("PH");
            assertThat(api.post("/prescriptions/accept", accept(handedOut.text("exchangeCode"), BIRTH_DATE, pharmacy))
                    .status()).isEqualTo(200);
            Response dispensed = api.post("/prescriptions/" + handedOut.text("prescriptionId") + "/dispense",
                    dispense(pharmacy, true, item(1, ZOLPIDEM, 30, 30)));
            assertThat(dispensed.status()).as(dispensed.toString()).isEqualTo(200);
        }

        try (ConfigurableApplicationContext on = ExchangeNode.startOnDatabase(url)) {
            HttpApi api = ExchangeNode.api(on);

            Response generic = api.post("/prescriptions", issueFor(patient, "HOSP-B", ZOLPIDEM_GENERIC, 14));

            assertThat(generic.status()).as(generic.toString()).isEqualTo(201);
            assertThat(generic.body().path("alerts")).as("the zolpidem issued meanwhile was not compared").isEmpty();
            assertThat(generic.body().path("alertCheck").path("performed").asBoolean()).isTrue();
            assertThat(generic.body().path("alertCheck").path("complete").asBoolean())
                    .as("an empty list here is not \"nothing found\": " + generic).isFalse();
            assertThat(generic.body().path("alertCheck").path("uncheckedCourses").path("prescriptions").asInt())
                    .isEqualTo(1);
            assertThat(generic.body().path("alertCheck").path("unknownDrugCodes")).isEmpty();

            Response draft = api.post("/duplicate-checks", Map.of("patientId", patient,
                    "lines", List.of(Map.of("drugCode", ZOLPIDEM_GENERIC, "days", 14))), prescriberHeaders("HOSP-A"));
            assertThat(draft.status()).as(draft.toString()).isEqualTo(200);
            assertThat(draft.body().path("alertCheck").path("complete").asBoolean()).as(draft.toString()).isFalse();
            assertThat(draft.body().path("alertCheck").path("uncheckedCourses").path("prescriptions").asInt())
                    .as("the zolpidem issued while off; the generic was checked when issued: " + draft)
                    .isEqualTo(1);

            CdsHooksClient cds = new CdsHooksClient(ExchangeNode.port(on), on.getBean(ObjectMapper.class));
            CdsHooksClient.Answer cards = cds.call("exchange-duplicate-check", cds.request("order-sign", patient,
                    cds.encoded(CdsHooksClient.draftOrders(patient, 14, ZOLPIDEM_GENERIC))).toString(),
                    Identity.prescriber("DOC-1", "HOSP-A"));
            assertThat(cards.status()).as(String.valueOf(cards.body())).isEqualTo(200);
            assertThat(cards.body().path("cards").findValuesAsText("indicator")).contains("warning");
            assertThat(cards.body().path("cards").findValuesAsText("summary"))
                    .anySatisfy(summary -> assertThat(summary).startsWith("Interaction check incomplete"));
            assertThat(cards.body().path("cards").findValuesAsText("detail"))
                    .anySatisfy(detail -> assertThat(detail).contains("switched off"));

            Bundle throughFhir = createThroughFhir(on, patient);
            OperationOutcome.OperationOutcomeIssueComponent warning = throughFhir.getEntry().stream()
                    .map(Bundle.BundleEntryComponent::getResource)
                    .filter(OperationOutcome.class::isInstance)
                    .map(OperationOutcome.class::cast)
                    .findFirst().orElseThrow().getIssueFirstRep();
            assertThat(warning.getCode()).isEqualTo(OperationOutcome.IssueType.INCOMPLETE);
            assertThat(warning.getDiagnostics()).contains("switched off");

            FhirHttp.Answer searchedAgain = new FhirHttp(ExchangeNode.port(on))
                    .get("/DetectedIssue?patient=" + patient, Identity.patient(patient), Map.of());
            assertThat(searchedAgain.status()).as(searchedAgain.toString()).isEqualTo(200);
            Bundle partly = searchedAgain.as(Bundle.class);
            assertThat(partly.hasTotal()).as("the zolpidem issued while off has no recorded course: " + searchedAgain)
                    .isFalse();
            assertThat(partly.getEntry()).anySatisfy(entry -> assertThat(entry.getResource())
                    .isInstanceOfSatisfying(OperationOutcome.class, outcome -> assertThat(
                            outcome.getIssueFirstRep().getDiagnostics()).contains("while alerts were switched off")));

            Response afterTheCancelled = api.post("/prescriptions",
                    issueFor(cancelledPatient, "HOSP-B", ZOLPIDEM_GENERIC, 14));
            assertThat(afterTheCancelled.status()).isEqualTo(201);
            assertThat(afterTheCancelled.body().path("alertCheck").path("complete").asBoolean())
                    .as("nothing of the cancelled prescription was taken: " + afterTheCancelled).isTrue();

            Response afterTheDispensed = api.post("/prescriptions",
                    issueFor(dispensedPatient, "HOSP-B", ZOLPIDEM_GENERIC, 14));
            assertThat(afterTheDispensed.body().path("alertCheck").path("uncheckedCourses").path("prescriptions")
                    .asInt()).as("what was handed out runs its days: " + afterTheDispensed).isEqualTo(1);

            // what the commands' transactions wrote is what the events give
            AdminProjections projections = new AdminProjections(api);
            for (String projection : List.of("unchecked-course", "course-record", "consent-record",
                    "live-exchange-code")) {
                JsonNode verified = projections.verify(projection);
                assertThat(verified.path("differences").asLong()).as(verified.toString()).isZero();
            }
        }
    }

    private static Bundle createThroughFhir(ConfigurableApplicationContext exchange, String patient) {
        return new FhirTasks(ExchangeNode.port(exchange)).createdByANewHospital(patient, ZOLPIDEM_GENERIC, 14, 14);
    }
}
