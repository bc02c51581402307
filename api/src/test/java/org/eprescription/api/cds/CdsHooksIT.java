package org.eprescription.api.cds;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.CdsHooksClient;
import org.eprescription.api.support.CrossInstitutionTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IssuedPrescription;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.CdsHooksClient.draftOrders;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_GENERIC;
import static org.eprescription.api.support.Prescriptions.ITRACONAZOLE;
import static org.eprescription.api.support.Prescriptions.TRIAZOLAM;
import static org.eprescription.api.support.Prescriptions.ZOLPIDEM;
import static org.eprescription.api.support.Prescriptions.issueFor;

/**
 * docs/fhir.md, "CDS Hooks": the duplicate check as an EHR calls it, answering what {@code POST /duplicate-checks}
 * answers the same caller, as cards.
 */
class CdsHooksIT extends CrossInstitutionTest {

    private static final String SERVICE = "exchange-duplicate-check";

    @Test
    void discoveryNamesTheCheckForOrderSignAndOrderSelectWithoutPrefetch() {
        CdsHooksClient.Answer answer = cds().discovery();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("services")).extracting(service -> service.path("id").asText() + " "
                + service.path("hook").asText()).containsExactlyInAnyOrder(SERVICE + " order-sign",
                "exchange-duplicate-check-select order-select");
        answer.body().path("services").forEach(service -> {
            assertThat(service.has("prefetch")).isFalse();
            assertThat(service.path("description").asText()).isNotBlank();
        });
    }

    @Test
    void aDraftAmlodipineWhileTheSameIngredientIsTakenFromAnotherInstitutionIsOneWarningCard() {
        IssuedPrescription elsewhere = issued(issueFor(patient, otherInstitution, AMLODIPINE_BRAND, 28));
        issued(issueFor(patient, institution, ZOLPIDEM, 14));

        CdsHooksClient.Answer answer = sign(prescriber, AMLODIPINE_GENERIC);

        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
        JsonNode card = onlyCard(answer);
        assertThat(card.path("indicator").asText()).isEqualTo("warning");
        assertThat(card.path("summary").asText()).hasSizeLessThan(140).contains("amlodipine");
        assertThat(card.path("source").path("label").asText()).isNotBlank();
        assertThat(card.path("uuid").asText()).isNotBlank();
        assertThat(card.path("overrideReasons")).isNotEmpty().allSatisfy(reason -> {
            assertThat(reason.path("code").asText()).isNotBlank();
            assertThat(reason.path("system").asText()).isEqualTo("http://example.org/fhir/CodeSystem/"
                    + "alert-override-reason");
        });
        assertThat(card.path("detail").asText()).as("the other institution's course, by drug and period")
                .contains(AMLODIPINE_BRAND)
                .as("without the patient's consent, not which prescription or institution")
                .doesNotContain(elsewhere.id()).doesNotContain(otherInstitution);

        JsonNode json = jsonCheck(prescriber, AMLODIPINE_GENERIC);
        assertThat(json.path("alerts")).hasSize(1);
        JsonNode conflict = json.path("alerts").get(0).path("conflicts").get(0);
        assertThat(card.path("detail").asText()).contains(conflict.path("from").asText(),
                conflict.path("to").asText());
    }

    @Test
    void aContraindicatedDraftIsOneCriticalCard() {
        issued(issueFor(patient, otherInstitution, TRIAZOLAM, 14));
        issued(issueFor(patient, institution, ZOLPIDEM, 14));

        CdsHooksClient.Answer answer = sign(prescriber, ITRACONAZOLE);

        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
        JsonNode card = onlyCard(answer);
        assertThat(card.path("indicator").asText()).isEqualTo("critical");
        assertThat(card.path("detail").asText()).contains(TRIAZOLAM);
        assertThat(jsonCheck(prescriber, ITRACONAZOLE).path("alerts").get(0).path("type").asText())
                .isEqualTo("CONTRAINDICATED");
    }

    @Test
    void aCallerWithoutCareRelationshipGetsTheCardWithoutThePatientsMedication() {
        IssuedPrescription elsewhere = issued(issueFor(patient, otherInstitution, AMLODIPINE_BRAND, 28));
        Identity stranger = Identity.prescriber("DOC-" + institution, institution);

        CdsHooksClient.Answer answer = sign(stranger, AMLODIPINE_GENERIC);

        JsonNode card = onlyCard(answer);
        assertThat(card.path("indicator").asText()).isEqualTo("warning");
        assertThat(card.toString()).doesNotContain(AMLODIPINE_BRAND).doesNotContain(elsewhere.id())
                .doesNotContain(otherInstitution);
        JsonNode json = jsonCheck(stranger, AMLODIPINE_GENERIC);
        assertThat(json.path("alerts").get(0).path("conflicts")).as("as the JSON API answers it").isEmpty();
    }

    @Test
    void twoLinesOfTheDraftThatDuplicateEachOtherAreNamedAsDraftLinesNotAsThePatientsMedication() {
        Identity stranger = Identity.prescriber("DOC-" + institution, institution);

        CdsHooksClient.Answer answer = sign(stranger, AMLODIPINE_BRAND, AMLODIPINE_GENERIC);

        JsonNode card = onlyCard(answer);
        assertThat(card.path("detail").asText()).as(card.toString())
                .contains("another line of this draft", "draft line 1", AMLODIPINE_BRAND)
                .doesNotContain("the patient's current medication");
    }

    @Test
    void aDraftThatConflictsWithNothingIsNoCardAndOrderSelectRunsTheSameCheck() {
        issued(issueFor(patient, otherInstitution, AMLODIPINE_BRAND, 28));

        CdsHooksClient.Answer none = sign(prescriber, ZOLPIDEM);
        CdsHooksClient.Answer selected = cds().call("exchange-duplicate-check-select", cds().request("order-select",
                patient, cds().encoded(draftOrders(patient, 28, AMLODIPINE_GENERIC))).toString(), prescriber);

        assertThat(none.status()).isEqualTo(200);
        assertThat(none.body().path("cards")).isEmpty();
        assertThat(onlyCard(selected).path("indicator").asText()).isEqualTo("warning");
    }

    @Test
    void anOrderStillBeingWrittenIsNamedAsNotCheckedAndTheOthersAreChecked() {
        issued(issueFor(patient, otherInstitution, AMLODIPINE_BRAND, 28));
        Bundle orders = draftOrders(patient, 28, AMLODIPINE_GENERIC, ZOLPIDEM);
        ((MedicationRequest) orders.getEntry().get(1).getResource()).getDispenseRequest()
                .setExpectedSupplyDuration(null);

        CdsHooksClient.Answer selected = cds().call("exchange-duplicate-check-select", cds().request("order-select",
                patient, cds().encoded(orders)).toString(), prescriber);

        assertThat(selected.status()).as(selected.toString()).isEqualTo(200);
        List<String> summaries = new ArrayList<>();
        selected.body().path("cards").forEach(card -> summaries.add(card.path("summary").asText()));
        assertThat(summaries).as("the complete order's duplicate, and the unfinished one named").hasSize(2);
        assertThat(summaries).anyMatch(summary -> summary.startsWith("Duplicate therapy"));
        JsonNode notChecked = selected.body().path("cards").get(1);
        assertThat(notChecked.path("summary").asText()).startsWith("Not checked yet");
        assertThat(notChecked.path("detail").asText()).contains("draft MedicationRequest 2");
    }

    @Test
    void refusalsArePlainHttpProblems() {
        String unknownDrug = cds().request("order-sign", patient,
                cds().encoded(draftOrders(patient, 28, "9999999F9999"))).toString();
        assertProblem(cds().call(SERVICE, unknownDrug, prescriber), 422, "unknown-drug");
        String foreignCode = cds().request("order-sign", patient, cds().encoded(draftOrders(patient, 28,
                AMLODIPINE_BRAND))).toString().replace(CdsHooksClient.YJ, "http://snomed.info/sct");
        assertProblem(cds().call(SERVICE, foreignCode, prescriber), 422, "unsupported-code-system");
        assertProblem(cds().call(SERVICE, "{\"hook\": ", prescriber), 400, null);
        String noPatient = cds().request("order-sign", patient, cds().encoded(draftOrders(patient, 28,
                AMLODIPINE_BRAND))).toString().replace("\"patientId\"", "\"subject\"");
        assertProblem(cds().call(SERVICE, noPatient, prescriber), 400, null);
        String notABundle = cds().request("order-sign", patient, objectMapper.createObjectNode()
                .put("resourceType", "Bundle").put("type", "collection").put("unknownElement", 1)).toString();
        assertProblem(cds().call(SERVICE, notABundle, prescriber), 400, "malformed-request");
        String select = cds().request("order-select", patient, cds().encoded(draftOrders(patient, 28,
                AMLODIPINE_BRAND))).toString();
        assertProblem(cds().call(SERVICE, select, prescriber), 400, "malformed-request");
        assertProblem(cds().call("no-such-service", select, prescriber), 404, null);
        assertThat(cds().call(SERVICE, select, null).status()).isEqualTo(401);
        assertProblem(cds().call(SERVICE, select, Identity.patient(patient)), 403, null);
    }

    @Test
    void aDraftThatSaysDoNotGiveOrCarriesAModifierOrAComparatorIsRefusedAndUnitsMustAgree() {
        Bundle doNotGive = draftOrders(patient, 28, AMLODIPINE_GENERIC);
        ((MedicationRequest) doNotGive.getEntry().get(0).getResource()).setDoNotPerform(true);
        Bundle modified = draftOrders(patient, 28, AMLODIPINE_GENERIC);
        ((MedicationRequest) modified.getEntry().get(0).getResource()).addModifierExtension(
                new Extension("http://example.org/fhir/StructureDefinition/draft-only", new BooleanType(true)));
        Bundle shorterThan = draftOrders(patient, 28, AMLODIPINE_GENERIC);
        ((MedicationRequest) shorterThan.getEntry().get(0).getResource()).getDispenseRequest()
                .getExpectedSupplyDuration().setComparator(Quantity.QuantityComparator.LESS_THAN);
        for (Bundle refused : List.of(doNotGive, modified, shorterThan)) {
            assertProblem(cds().call(SERVICE, cds().request("order-sign", patient, cds().encoded(refused)).toString(),
                    prescriber), 400, "malformed-request");
        }
        Bundle mgAsTablets = draftOrders(patient, 28, AMLODIPINE_GENERIC);
        ((MedicationRequest) mgAsTablets.getEntry().get(0).getResource()).getDispenseRequest()
                .setQuantity(new Quantity().setValue(140).setUnit("tablet").setSystem("http://unitsofmeasure.org")
                        .setCode("mg"));
        assertProblem(cds().call(SERVICE, cds().request("order-sign", patient, cds().encoded(mgAsTablets)).toString(),
                prescriber), 422, "invalid-lines");
    }

    private void assertProblem(CdsHooksClient.Answer answer, int status, String type) {
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        if (type != null) {
            assertThat(answer.body().path("type").asText()).endsWith("/problems/" + type);
        }
    }

    private CdsHooksClient.Answer sign(Identity caller, String... drugCodes) {
        return cds().call(SERVICE, cds().request("order-sign", patient,
                cds().encoded(draftOrders(patient, 28, drugCodes))).toString(), caller);
    }

    private JsonNode jsonCheck(Identity caller, String drugCode) {
        Response response = api().as(caller).post("/duplicate-checks", Map.of("patientId", patient,
                "lines", List.of(Map.of("drugCode", drugCode, "days", 28))));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    private static JsonNode onlyCard(CdsHooksClient.Answer answer) {
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
        assertThat(answer.body().path("cards")).as(answer.body().toString()).hasSize(1);
        return answer.body().path("cards").get(0);
    }

    private CdsHooksClient cds() {
        return new CdsHooksClient(port, objectMapper);
    }
}
