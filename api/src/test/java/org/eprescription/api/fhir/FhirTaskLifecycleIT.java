package org.eprescription.api.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.eprescription.api.fhir.FhirBundles.all;
import static org.eprescription.api.fhir.FhirBundles.only;
import static org.eprescription.api.fhir.FhirBundles.searchset;
import static org.eprescription.api.fhir.IssueBundles.SID;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_GENERIC;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.NIFEDIPINE_CAPSULE;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * docs/fhir.md, "The Task" and "Refills": a prescription's whole way (two lines, a partial dispensing with a generic,
 * the close, a refill, cancellation while held) driven only through {@code /fhir}, every answer parsed strictly and
 * validated, and the JSON API showing the same prescription at each stop.
 */
class FhirTaskLifecycleIT extends ExchangeIntegrationTest {

    private final String institution = unique("HOSP");
    private final Identity prescriber = Identity.prescriber("DOC-" + institution, institution);
    private final String pharmacy = unique("PH");
    private final Identity pharmacist = Identity.pharmacist(pharmacy);
    private final String secondPharmacy = unique("PH");
    private final Identity secondPharmacist = Identity.pharmacist(secondPharmacy);

    @Test
    void createAcceptDispenseAGenericCloseRefillAndCancelWhileHeldAndTheJsonApiAgrees() {
        FhirTasks fhir = new FhirTasks(port);
        FhirTasks.Created created = fhir.create(new IssueBundles(unique("PAT"), BIRTH_DATE, "DOC-" + institution,
                institution).line(AMLODIPINE_BRAND, 28, 28, 2).line(NIFEDIPINE_CAPSULE, 14, 14, 2), prescriber);
        assertThat(created.lines()).extracting(line -> line.getSystem() + "|" + line.getValue()).containsExactly(
                SID + "prescription-line|" + created.id() + "/1", SID + "prescription-line|" + created.id() + "/2");
        Task issued = fhir.read(created.id(), prescriber);
        assertThat(issued.getStatus()).isEqualTo(Task.TaskStatus.READY);
        assertThat(issued.getRestriction().getRepetitions()).as("the first use and two refills").isEqualTo(3);
        assertThat(currentUse(issued)).isEqualTo(1);

        Bundle acceptedBundle = bundle(fhir.accept(created.exchangeCode(), BIRTH_DATE, pharmacist));
        Task held = only(acceptedBundle, Task.class);
        assertThat(FhirBundles.identifier(held.getIdentifier(), SID + "prescription-id")).isEqualTo(created.id());
        assertThat(held.getStatus()).isEqualTo(Task.TaskStatus.INPROGRESS);
        assertThat(held.getOwner().getIdentifier().getSystem()).isEqualTo(SID + "pharmacy-id");
        assertThat(held.getOwner().getIdentifier().getValue()).isEqualTo(pharmacy);
        assertThat(held.getIdentifier()).as("the exchange code is shown to the issuer only")
                .noneMatch(identifier -> identifier.getSystem().endsWith("exchange-code"));
        assertThat(all(acceptedBundle, MedicationRequest.class)).extracting(
                request -> request.getMedicationCodeableConcept().getCodingFirstRep().getCode(),
                request -> request.getDispenseRequest().getNumberOfRepeatsAllowed())
                .containsExactly(tuple(AMLODIPINE_BRAND, 2), tuple(NIFEDIPINE_CAPSULE, 2));

        Bundle partialBundle = bundle(fhir.operation(created.id(), "dispense", TaskParameters.dispensing()
                .item(created.line(1), AMLODIPINE_GENERIC, 14, 14).completesUse(false), pharmacist));
        assertThat(only(partialBundle, Task.class).getStatus()).isEqualTo(Task.TaskStatus.INPROGRESS);
        MedicationDispense generic = only(partialBundle, MedicationDispense.class);
        assertThat(generic.getMedicationCodeableConcept().getCodingFirstRep().getCode()).isEqualTo(AMLODIPINE_GENERIC);
        assertThat(generic.getSubstitution().getWasSubstituted()).isTrue();
        assertThat(generic.getQuantity().getValue()).isEqualByComparingTo("14");
        assertThat(generic.getDaysSupply().getValue()).isEqualByComparingTo("14");
        assertThat(generic.getAuthorizingPrescriptionFirstRep().getIdentifier().getValue())
                .isEqualTo(created.line(1).getValue());
        assertThat(generic.getPerformer()).extracting(performer -> performer.getActor().getIdentifier().getValue())
                .containsExactly("RPH-" + pharmacy, pharmacy);
        assertThat(generic.getType().getCodingFirstRep().getCode()).as("a dispensing of the first use").isEqualTo("FF");

        Bundle closedBundle = bundle(fhir.operation(created.id(), "close", TaskParameters.dispensing()
                .item(created.line(1), AMLODIPINE_BRAND, 14, 14).item(created.line(2), NIFEDIPINE_CAPSULE, 14, 14),
                pharmacist));
        Task awaiting = only(closedBundle, Task.class);
        assertThat(awaiting.getStatus()).as("a refill follows").isEqualTo(Task.TaskStatus.ONHOLD);
        assertThat(awaiting.hasOwner()).isFalse();
        assertThat(currentUse(awaiting)).as("the refill waited for").isEqualTo(2);
        assertThat(all(closedBundle, MedicationDispense.class)).extracting(
                dispense -> dispense.getMedicationCodeableConcept().getCodingFirstRep().getCode(),
                dispense -> dispense.getSubstitution().getWasSubstituted())
                .containsExactly(tuple(AMLODIPINE_BRAND, false),
                        tuple(NIFEDIPINE_CAPSULE, false));
        assertAgrees(fhir.read(created.id(), prescriber), created.id());

        // the refill: not before its window opens, then accepted and closed by another pharmacy
        FhirHttp.Answer tooEarly = fhir.accept(created.exchangeCode(), BIRTH_DATE, secondPharmacist);
        tooEarly.assertOutcome(409, OperationOutcome.IssueType.CONFLICT);
        advanceTo(opens(awaiting));
        Bundle refillAccepted = bundle(fhir.accept(created.exchangeCode(), BIRTH_DATE, secondPharmacist));
        Task refillHeld = only(refillAccepted, Task.class);
        assertThat(all(refillAccepted, MedicationRequest.class)).as("dispensable in the refill's window, after the "
                + "first use's validUntil").allSatisfy(request -> {
                    assertThat(request.getDispenseRequest().getValidityPeriod().getStartElement().getValueAsString())
                            .isEqualTo(awaiting.getRestriction().getPeriod().getStartElement().getValueAsString());
                    assertThat(request.getDispenseRequest().getValidityPeriod().getEndElement().getValueAsString())
                            .isEqualTo(awaiting.getRestriction().getPeriod().getEndElement().getValueAsString());
                });
        assertThat(refillHeld.getStatus()).isEqualTo(Task.TaskStatus.INPROGRESS);
        assertThat(refillHeld.getOwner().getIdentifier().getValue()).isEqualTo(secondPharmacy);
        assertThat(currentUse(refillHeld)).isEqualTo(2);
        assertThat(refillHeld.getRestriction().hasPeriod()).isFalse();

        Bundle refillBundle = bundle(fhir.operation(created.id(), "close", TaskParameters.dispensing()
                .item(created.line(1), AMLODIPINE_BRAND, 28, 28).item(created.line(2), NIFEDIPINE_CAPSULE, 14, 14),
                secondPharmacist));
        Task secondRefill = only(refillBundle, Task.class);
        assertThat(secondRefill.getStatus()).as("one refill left").isEqualTo(Task.TaskStatus.ONHOLD);
        assertThat(currentUse(secondRefill)).isEqualTo(3);
        assertThat(all(refillBundle, MedicationDispense.class)).allSatisfy(dispense -> {
            assertThat(dispense.getType().getCodingFirstRep().getCode()).isEqualTo("RF");
            assertThat(dispense.getType().getText()).isEqualTo("use 2 of 3");
            assertThat(dispense.getPerformer()).extracting(performer -> performer.getActor().getIdentifier()
                    .getValue()).containsExactly("RPH-" + secondPharmacy, secondPharmacy);
        });
        assertAgrees(fhir.read(created.id(), prescriber), created.id());

        // the last use is accepted, and the institution cancels while the pharmacy holds it
        advanceTo(opens(secondRefill));
        bundle(fhir.accept(created.exchangeCode(), BIRTH_DATE, secondPharmacist));
        FhirHttp.Answer aborted = fhir.operation(created.id(), "abort", TaskParameters.reason("therapy changed"),
                prescriber);
        assertThat(aborted.status()).as(aborted.toString()).isEqualTo(200);
        Task requested = aborted.as(Task.class);
        assertThat(requested.getStatus()).isEqualTo(Task.TaskStatus.INPROGRESS);
        assertThat(requested.getStatusReason().getCodingFirstRep().getCode()).isEqualTo("cancellation-requested");
        assertAgrees(fhir.read(created.id(), secondPharmacist), created.id());
        FhirHttp.Answer rejected = fhir.operation(created.id(), "reject", TaskParameters.reason("as asked"),
                secondPharmacist);
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        assertThat(rejected.as(Task.class).getStatus()).isEqualTo(Task.TaskStatus.CANCELLED);

        Task task = fhir.read(created.id(), prescriber);
        assertThat(task.getIdPart()).isEqualTo(created.id());
        assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.CANCELLED);
        assertThat(task.getBasedOn()).extracting(Reference::getIdentifier)
                .extracting(identifier -> identifier.getValue())
                .containsExactly(created.line(1).getValue(), created.line(2).getValue());
        JsonNode json = assertAgrees(task, created.id());
        assertThat(json.path("status").asText()).isEqualTo("CANCELLED");
        JsonNode dispensings = json.path("dispensings");
        assertThat(dispensings).extracting(dispensing -> dispensing.path("pharmacyId").asText())
                .containsExactly(pharmacy, pharmacy, secondPharmacy);
        assertThat(dispensings).extracting(dispensing -> dispensing.path("completesUse").asBoolean())
                .containsExactly(false, true, true);
        assertThat(dispensings).extracting(dispensing -> dispensing.path("use").asInt()).containsExactly(1, 1, 2);
        List<String> jsonItems = new ArrayList<>();
        dispensings.forEach(dispensing -> dispensing.path("items").forEach(item -> jsonItems.add(
                item.path("lineNumber").asInt() + ":" + item.path("drugCode").asText() + ":"
                        + item.path("quantity").decimalValue().intValue() + ":" + item.path("days").asInt())));
        assertThat(jsonItems).containsExactly("1:" + AMLODIPINE_GENERIC + ":14:14", "1:" + AMLODIPINE_BRAND + ":14:14",
                "2:" + NIFEDIPINE_CAPSULE + ":14:14", "1:" + AMLODIPINE_BRAND + ":28:28",
                "2:" + NIFEDIPINE_CAPSULE + ":14:14");
        assertThat(searchset(fhir.http().get("/MedicationDispense?prescription=" + created.id(), prescriber,
                Map.of()), MedicationDispense.class)).extracting(
                dispense -> dispense.getMedicationCodeableConcept().getCodingFirstRep().getCode() + ":"
                        + dispense.getType().getCodingFirstRep().getCode())
                .containsExactly(AMLODIPINE_GENERIC + ":FF", AMLODIPINE_BRAND + ":FF", NIFEDIPINE_CAPSULE + ":FF",
                        AMLODIPINE_BRAND + ":RF", NIFEDIPINE_CAPSULE + ":RF");
    }

    /**
     * The Task says what {@code GET /api/v1/prescriptions/{id}} says of the same prescription: its status, version,
     * holder, uses and refill window; returns that JSON.
     */
    private JsonNode assertAgrees(Task task, String id) {
        Response response = api().as(prescriber).get("/prescriptions/" + id);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode json = response.body();
        assertThat(task.getBusinessStatus().getCodingFirstRep().getCode()).isEqualTo(json.path("status").asText());
        assertThat(task.getMeta().getVersionId()).isEqualTo(json.path("version").asText());
        assertThat(task.hasOwner() ? task.getOwner().getIdentifier().getValue() : null)
                .isEqualTo(json.path("pharmacyId").isTextual() ? json.path("pharmacyId").asText() : null);
        assertThat(currentUse(task)).isEqualTo(json.path("currentUse").asInt());
        assertThat(task.getRestriction().getRepetitions()).isEqualTo(json.path("refills").asInt() + 1);
        assertThat(task.getStatusReason().getCodingFirstRep().getCode()).isEqualTo(
                json.path("cancellationRequested").asBoolean() ? "cancellation-requested" : null);
        JsonNode window = json.path("refillWindow");
        if ("AWAITING_REFILL".equals(json.path("status").asText())) {
            assertThat(task.getRestriction().getPeriod().getStartElement().getValueAsString())
                    .isEqualTo(window.path("opens").asText());
            assertThat(task.getRestriction().getPeriod().getEndElement().getValueAsString())
                    .isEqualTo(window.path("closes").asText());
        } else {
            assertThat(task.getRestriction().hasPeriod()).isFalse();
        }
        return json;
    }

    /** The Bundle an operation answered, which must be 200. */
    private static Bundle bundle(FhirHttp.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.as(Bundle.class);
    }

    private static int currentUse(Task task) {
        return task.getInput().stream()
                .filter(input -> "current-use".equals(input.getType().getCodingFirstRep().getCode()))
                .map(input -> ((PositiveIntType) input.getValue()).getValue()).findFirst()
                .orElseThrow(() -> new AssertionError("no current-use input"));
    }

    private static LocalDate opens(Task awaiting) {
        assertThat(awaiting.getStatus()).isEqualTo(Task.TaskStatus.ONHOLD);
        return LocalDate.parse(awaiting.getRestriction().getPeriod().getStartElement().getValueAsString());
    }

    /** Moves the test clock to {@code day} (the refill windows are days ahead: docs/domain.md, "Refills"). */
    private void advanceTo(LocalDate day) {
        long days = ChronoUnit.DAYS.between(clock.today(), day);
        if (days > 0) {
            clock.advance(Duration.ofDays(days));
        }
    }
}
