package org.eprescription.api.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.fhir.FhirHttp.FHIR_JSON;
import static org.eprescription.api.fhir.FhirHttp.FHIR_XML;
import static org.eprescription.api.fhir.FhirBundles.all;
import static org.eprescription.api.fhir.FhirBundles.fullUrls;
import static org.eprescription.api.fhir.FhirBundles.identifier;
import static org.eprescription.api.fhir.FhirBundles.only;
import static org.eprescription.api.fhir.IssueBundles.SID;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_GENERIC;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.NIFEDIPINE_CAPSULE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.unique;

/** docs/fhir.md, "Task/$create": issuing through FHIR, over HTTP on PostgreSQL, every answer parsed and validated. */
class FhirTaskCreateIT extends ExchangeIntegrationTest {

    private static final String CREATE = "/Task/$create";

    private final String patient = unique("PAT");
    private final String institution = unique("HOSP");
    private final Identity prescriber = Identity.prescriber("DOC-" + institution, institution);

    @Test
    void createIssuesThePrescriptionWhoseExchangeCodeAPharmacyAcceptsThroughTheJsonApi() {
        LocalDate validUntil = clock.today().plusDays(10);
        Bundle sent = bundle().line(AMLODIPINE_BRAND, 28, 28, 1).line(NIFEDIPINE_CAPSULE, 14, 14, 1).asNeeded()
                .validUntil(validUntil).bundle();

        FhirHttp.Answer answer = fhir().post(CREATE, sent, prescriber);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.contentType()).startsWith(FHIR_JSON);
        Bundle created = answer.as(Bundle.class);
        Task task = only(created, Task.class);
        assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.READY);
        String prescriptionId = identifier(task.getIdentifier(), SID + "prescription-id");
        String exchangeCode = identifier(task.getIdentifier(), SID + "exchange-code");
        assertThat(task.getFor().getIdentifier().getValue()).isEqualTo(patient);
        List<MedicationRequest> requests = all(created, MedicationRequest.class);
        assertThat(requests).extracting(request -> request.getMedicationCodeableConcept().getCodingFirstRep().getCode())
                .containsExactly(AMLODIPINE_BRAND, NIFEDIPINE_CAPSULE);
        assertThat(requests).allSatisfy(request -> {
            assertThat(request.getGroupIdentifier().getValue()).isEqualTo(prescriptionId);
            assertThat(request.getDispenseRequest().getNumberOfRepeatsAllowed()).isEqualTo(1);
            assertThat(request.getDispenseRequest().getValidityPeriod().getEndElement().getValueAsString())
                    .isEqualTo(validUntil.toString());
        });
        assertThat(requests).extracting(request -> request.getDosageInstructionFirstRep().hasAsNeededBooleanType())
                .containsExactly(false, true);
        assertThat(task.getBasedOn()).extracting(Reference::getReference)
                .containsExactlyElementsOf(fullUrls(created, MedicationRequest.class));
        assertThat(all(created, DetectedIssue.class)).isEmpty();

        Response read = api().as(prescriber).get("/prescriptions/" + prescriptionId);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.body().path("refills").asInt()).isEqualTo(1);
        assertThat(read.body().path("validUntil").asText()).isEqualTo(validUntil.toString());
        assertThat(read.body().path("lines")).extracting(line -> line.path("days").asInt()).containsExactly(28, 14);
        assertThat(read.body().path("lines")).extracting(line -> line.path("asNeeded").asBoolean())
                .containsExactly(false, true);
        Response accepted = api().post("/prescriptions/accept", accept(exchangeCode, BIRTH_DATE, unique("PH")));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.text("prescriptionId")).isEqualTo(prescriptionId);
    }

    @Test
    void aSecondPrescriptionOfTheSameIngredientAnswersADetectedIssue() {
        String otherInstitution = unique("HOSP");
        Response first = api().post("/prescriptions", issueFor(patient, otherInstitution, AMLODIPINE_BRAND, 28));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);

        FhirHttp.Answer answer = fhir().post(CREATE, bundle().line(AMLODIPINE_GENERIC, 28, 28, 0).bundle(), prescriber);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        Bundle created = answer.as(Bundle.class);
        DetectedIssue issue = only(created, DetectedIssue.class);
        assertThat(issue.getCode().getCodingFirstRep().getCode()).isEqualTo("DUPTHPY");
        assertThat(issue.getSeverity()).isEqualTo(DetectedIssue.DetectedIssueSeverity.HIGH);
        assertThat(issue.getPatient().getIdentifier().getValue()).isEqualTo(patient);
        assertThat(issue.getImplicated()).hasSize(2);
        assertThat(issue.getImplicated().get(0).getReference())
                .isEqualTo(fullUrls(created, MedicationRequest.class).get(0));
        assertThat(issue.getImplicated().get(1).getDisplay()).as("the other institution's course, described")
                .startsWith(AMLODIPINE_BRAND);

        String prescriptionId = identifier(only(created, Task.class).getIdentifier(), SID + "prescription-id");
        JsonNode alerts = api().as(prescriber).get("/prescriptions/" + prescriptionId).body().path("alerts");
        assertThat(alerts).hasSize(1);
        assertThat(identifier(issue.getIdentifier(), SID + "alert-id")).isEqualTo(alerts.get(0).path("alertId").asText());
    }

    @Test
    void xmlInAndOutWhenAskedForAndFormatOverridesAccept() {
        String xml = FhirConformance.CONTEXT.newXmlParser()
                .encodeResourceToString(bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle());

        FhirHttp.Answer inXml = fhir().post(CREATE, xml, FHIR_XML, prescriber, Map.of("Accept", FHIR_XML));
        assertThat(inXml.status()).as(inXml.toString()).isEqualTo(201);
        assertThat(inXml.contentType()).startsWith(FHIR_XML);
        assertThat(only(inXml.as(Bundle.class), Task.class).getStatus()).isEqualTo(Task.TaskStatus.READY);

        FhirHttp.Answer overridden = fhir().post(CREATE + "?_format=json",
                FhirConformance.json(bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle()), FHIR_JSON, prescriber,
                Map.of("Accept", FHIR_XML));
        assertThat(overridden.status()).as(overridden.toString()).isEqualTo(201);
        assertThat(overridden.contentType()).startsWith(FHIR_JSON);
    }

    @Test
    void aMalformedBodyIs400WithAnOperationOutcome() {
        for (String body : List.of("{not json", "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"bogus\":1}",
                FhirConformance.json(new Patient().setActive(true)),
                "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":"
                        + "{\"resourceType\":\"Patient\",\"birthDate\":\"not a date\"}}]}")) {
            FhirHttp.Answer answer = fhir().post(CREATE, body, FHIR_JSON, prescriber, Map.of());

            assertThat(answer.status()).as(body + " -> " + answer).isEqualTo(400);
            OperationOutcome outcome = answer.as(OperationOutcome.class);
            assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
            assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
                    .isEqualTo("malformed-request");
        }
        Bundle proposal = bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle();
        only(proposal, MedicationRequest.class).setIntent(MedicationRequest.MedicationRequestIntent.PROPOSAL);
        FhirHttp.Answer notAnOrder = fhir().post(CREATE, proposal, prescriber);
        assertThat(notAnOrder.status()).as(notAnOrder.toString()).isEqualTo(400);
        assertThat(notAnOrder.as(OperationOutcome.class).getIssueFirstRep().getDiagnostics()).contains("intent order");
        for (DateType birthDate : new DateType[] {null, new DateType("1958")}) {
            Bundle sent = bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle();
            only(sent, Patient.class).setBirthDateElement(birthDate);
            FhirHttp.Answer answer = fhir().post(CREATE, sent, prescriber);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
            assertThat(answer.as(OperationOutcome.class).getIssueFirstRep().getDiagnostics()).contains("birthDate");
        }
    }

    @Test
    void instructionsTheExchangeCannotCarryAreRefusedNeverDropped() {
        // repeats on one line, nothing said on the other: the silent line (an antibiotic, say) allows none
        Bundle mixedRefills = bundle().line(AMLODIPINE_BRAND, 28, 28, 2).line(NIFEDIPINE_CAPSULE, 14, 14, 0).bundle();
        all(mixedRefills, MedicationRequest.class).get(1).getDispenseRequest().setNumberOfRepeatsAllowedElement(null);
        Bundle noSubstitute = bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle();
        only(noSubstitute, MedicationRequest.class).getSubstitution().setAllowed(new BooleanType(false));
        Bundle mixedValidity = bundle().line(AMLODIPINE_BRAND, 28, 28, 0).line(NIFEDIPINE_CAPSULE, 14, 14, 0)
                .validUntil(clock.today().plusDays(10)).bundle();
        all(mixedValidity, MedicationRequest.class).get(1).getDispenseRequest().setValidityPeriod(null);

        for (Map.Entry<Bundle, String> refused : Map.of(mixedRefills, "numberOfRepeatsAllowed",
                noSubstitute, "substitution", mixedValidity, "validityPeriod").entrySet()) {
            FhirHttp.Answer answer = fhir().post(CREATE, refused.getKey(), prescriber);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
            assertThat(answer.as(OperationOutcome.class).getIssueFirstRep().getDiagnostics())
                    .contains(refused.getValue());
        }
    }

    @Test
    void aDoNotPerformOrderAModifierExtensionOrAComparatorIsRefusedNeverReadPast() {
        Bundle doNotGive = bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle();
        only(doNotGive, MedicationRequest.class).setDoNotPerform(true);
        Bundle modifiedLine = bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle();
        only(modifiedLine, MedicationRequest.class).getDosageInstructionFirstRep()
                .addModifierExtension(new Extension("http://example.org/fhir/StructureDefinition/only-if-worse",
                        new StringType("only if the pain gets worse")));
        Bundle modifiedPatient = bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle();
        only(modifiedPatient, Patient.class).addModifierExtension(
                new Extension("http://example.org/fhir/StructureDefinition/not-this-patient", new BooleanType(true)));
        Bundle fewerThan = bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle();
        only(fewerThan, MedicationRequest.class).getDispenseRequest().getQuantity()
                .setComparator(Quantity.QuantityComparator.LESS_THAN);
        Bundle shorterThan = bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle();
        only(shorterThan, MedicationRequest.class).getDispenseRequest().getExpectedSupplyDuration()
                .setComparator(Quantity.QuantityComparator.LESS_THAN);

        for (Map.Entry<Bundle, String> refused : Map.of(doNotGive, "doNotPerform", modifiedLine,
                "only-if-worse", modifiedPatient, "not-this-patient", fewerThan, "comparator <",
                shorterThan, "expectedSupplyDuration has the comparator").entrySet()) {
            FhirHttp.Answer answer = fhir().post(CREATE, refused.getKey(), prescriber);
            assertThat(answer.assertOutcome(400, OperationOutcome.IssueType.STRUCTURE).getDiagnostics())
                    .contains(refused.getValue());
        }
        assertThat(api().as(Identity.patient(patient)).get("/patients/" + patient + "/prescriptions").body()
                .path("prescriptions")).as("nothing was issued").isEmpty();
    }

    @Test
    void noSubstitutionSaidAsACodeIsRefusedAndACodeAllowingGenericsIsIssued() {
        String codes = "http://terminology.hl7.org/CodeSystem/v3-substanceAdminSubstitution";
        for (String refused : List.of("N", "BC", "F", "XX")) {
            Bundle sent = bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle();
            only(sent, MedicationRequest.class).getSubstitution()
                    .setAllowed(new CodeableConcept().addCoding(new Coding(codes, refused, null)));
            FhirHttp.Answer answer = fhir().post(CREATE, sent, prescriber);
            assertThat(answer.assertOutcome(400, OperationOutcome.IssueType.STRUCTURE).getDiagnostics())
                    .as(refused).contains("substitution.allowedCodeableConcept", codes + "|" + refused);
        }
        Bundle textOnly = bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle();
        only(textOnly, MedicationRequest.class).getSubstitution()
                .setAllowed(new CodeableConcept().setText("no substitution"));
        fhir().post(CREATE, textOnly, prescriber).assertOutcome(400, OperationOutcome.IssueType.STRUCTURE);

        Bundle generic = bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle();
        only(generic, MedicationRequest.class).getSubstitution()
                .setAllowed(new CodeableConcept().addCoding(new Coding(codes, "G", null)));
        FhirHttp.Answer issued = fhir().post(CREATE, generic, prescriber);
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    }

    @Test
    void aQuantityWhoseUnitAndCodeDisagreeIs422AndNeverCountedInTheText() {
        // "140 tablet" as text, UCUM mg as code: 140 mg of amlodipine 5 mg was stored as 140 tablets
        Bundle sent = bundle().line(AMLODIPINE_BRAND, 140, 28, 0).bundle();
        only(sent, MedicationRequest.class).getDispenseRequest().getQuantity()
                .setSystem("http://unitsofmeasure.org").setCode("mg");

        FhirHttp.Answer answer = fhir().post(CREATE, sent, prescriber);

        OperationOutcome.OperationOutcomeIssueComponent issue =
                answer.assertOutcome(422, OperationOutcome.IssueType.BUSINESSRULE);
        assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("invalid-lines");
        assertThat(issue.getDiagnostics()).contains("tablet", "mg");
        Bundle agreeing = bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle();
        only(agreeing, MedicationRequest.class).getDispenseRequest().getQuantity().setCode("Tablet");
        assertThat(fhir().post(CREATE, agreeing, prescriber).status()).isEqualTo(201);
    }

    @Test
    void aValidityStartingAfterTheIssueDayIsRefusedNotDropped() {
        Bundle postDated = bundle().line(AMLODIPINE_BRAND, 28, 28, 0).validUntil(clock.today().plusDays(40))
                .bundle();
        only(postDated, MedicationRequest.class).getDispenseRequest().getValidityPeriod()
                .setStartElement(new DateTimeType(clock.today().plusDays(20).toString()));

        FhirHttp.Answer answer = fhir().post(CREATE, postDated, prescriber);

        assertThat(answer.assertOutcome(400, OperationOutcome.IssueType.STRUCTURE).getDiagnostics())
                .contains("validityPeriod.start");
        Bundle fromToday = bundle().line(AMLODIPINE_BRAND, 28, 28, 0).validUntil(clock.today().plusDays(40))
                .bundle();
        Period validity = only(fromToday, MedicationRequest.class).getDispenseRequest().getValidityPeriod();
        validity.setStartElement(new DateTimeType(clock.today().toString()));
        FhirHttp.Answer issued = fhir().post(CREATE, fromToday, prescriber);
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    }

    @Test
    void whatAnIssueWouldDropOrMisattributeIsRefused() {
        Bundle initialFill = bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle();
        only(initialFill, MedicationRequest.class).getDispenseRequest().getInitialFill()
                .setQuantity(new Quantity().setValue(7).setUnit("tablet"));
        Bundle interval = bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle();
        only(interval, MedicationRequest.class).getDispenseRequest().setDispenseInterval(
                (org.hl7.fhir.r4.model.Duration) new org.hl7.fhir.r4.model.Duration().setValue(28).setUnit("d")
                        .setSystem("http://unitsofmeasure.org").setCode("d"));
        Bundle otherPatient = bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle();
        only(otherPatient, MedicationRequest.class).setSubject(new Reference().setIdentifier(
                new org.hl7.fhir.r4.model.Identifier().setSystem(SID + "patient-id").setValue(unique("PAT"))));
        Bundle otherPrescriber = bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle();
        only(otherPrescriber, MedicationRequest.class).setRequester(new Reference("Practitioner/someone-else"));
        Bundle twoDrugs = bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle();
        only(twoDrugs, MedicationRequest.class).getMedicationCodeableConcept()
                .addCoding(new Coding(IssueBundles.YJ, NIFEDIPINE_CAPSULE, null));

        for (Map.Entry<Bundle, String> refused : Map.of(initialFill, "initialFill", interval, "dispenseInterval",
                otherPatient, "subject", otherPrescriber, "requester", twoDrugs, "different YJ codes").entrySet()) {
            FhirHttp.Answer answer = fhir().post(CREATE, refused.getKey(), prescriber);
            assertThat(answer.assertOutcome(400, OperationOutcome.IssueType.STRUCTURE).getDiagnostics())
                    .contains(refused.getValue());
        }
        Bundle byIdentifier = bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle();
        only(byIdentifier, MedicationRequest.class).setSubject(new Reference().setIdentifier(
                new org.hl7.fhir.r4.model.Identifier().setSystem(SID + "patient-id").setValue(patient)));
        FhirHttp.Answer issued = fhir().post(CREATE, byIdentifier, prescriber);
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    }

    @Test
    void aReasonToTakeItAsNeededMakesTheLineAsNeeded() {
        Bundle sent = bundle().line(NIFEDIPINE_CAPSULE, 10, 3, 0).bundle();
        only(sent, MedicationRequest.class).getDosageInstructionFirstRep()
                .setAsNeeded(new CodeableConcept().setText("chest pain"));

        FhirHttp.Answer answer = fhir().post(CREATE, sent, prescriber);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        String prescriptionId = identifier(only(answer.as(Bundle.class), Task.class).getIdentifier(),
                SID + "prescription-id");
        assertThat(api().get("/prescriptions/" + prescriptionId).body().path("lines").get(0).path("asNeeded")
                .asBoolean()).isTrue();
    }

    @Test
    void theReasonToTakeItAsNeededIsKeptInTheDosageAPharmacyReads() {
        Bundle sent = bundle().line(NIFEDIPINE_CAPSULE, 10, 3, 0).line(AMLODIPINE_BRAND, 28, 28, 0).bundle();
        List<MedicationRequest> lines = all(sent, MedicationRequest.class);
        lines.get(0).getDosageInstructionFirstRep().setText("1 capsule, at most 3 a day")
                .setAsNeeded(new CodeableConcept().setText("chest pain"));
        lines.get(1).getDosageInstructionFirstRep().setText("1 tablet when the chest pain starts")
                .setAsNeeded(new CodeableConcept().addCoding(new Coding("http://snomed.info/sct",
                        "29857009", "Chest pain")));

        FhirHttp.Answer answer = fhir().post(CREATE, sent, prescriber);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        Bundle created = answer.as(Bundle.class);
        assertThat(all(created, MedicationRequest.class)).extracting(request -> request.getDosageInstructionFirstRep()
                .getText()).containsExactly("1 capsule, at most 3 a day (as needed: chest pain)",
                "1 tablet when the chest pain starts (as needed: Chest pain)");
        String prescriptionId = identifier(only(created, Task.class).getIdentifier(), SID + "prescription-id");
        assertThat(api().get("/prescriptions/" + prescriptionId).body().path("lines"))
                .extracting(line -> line.path("dosage").asText())
                .containsExactly("1 capsule, at most 3 a day (as needed: chest pain)",
                        "1 tablet when the chest pain starts (as needed: Chest pain)");

        Bundle codedOnly = bundle().line(NIFEDIPINE_CAPSULE, 10, 3, 0).bundle();
        only(codedOnly, MedicationRequest.class).getDosageInstructionFirstRep().setAsNeeded(new CodeableConcept()
                .addCoding(new Coding().setSystem("http://snomed.info/sct").setCode("29857009")));
        assertThat(fhir().post(CREATE, codedOnly, prescriber).assertOutcome(400, OperationOutcome.IssueType.STRUCTURE)
                .getDiagnostics()).contains("asNeededCodeableConcept");
    }

    @Test
    void aReasonTheDosageMerelyContainsIsKeptAndOneThatWouldMakeItTooLongIsRefusedNamingTheDosage() {
        Bundle sent = bundle().line(NIFEDIPINE_CAPSULE, 10, 3, 0).line(AMLODIPINE_BRAND, 28, 28, 0).bundle();
        List<MedicationRequest> lines = all(sent, MedicationRequest.class);
        lines.get(0).getDosageInstructionFirstRep().setText("1 capsule; no painkillers with alcohol")
                .setAsNeeded(new CodeableConcept().setText("pain"));
        lines.get(1).getDosageInstructionFirstRep().setText("1 tablet (as needed: chest pain)")
                .setAsNeeded(new CodeableConcept().setText("Chest pain"));

        FhirHttp.Answer answer = fhir().post(CREATE, sent, prescriber);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(all(answer.as(Bundle.class), MedicationRequest.class)).extracting(request -> request
                .getDosageInstructionFirstRep().getText()).as("\"pain\" is not the reason \"painkillers\" says")
                .containsExactly("1 capsule; no painkillers with alcohol (as needed: pain)",
                        "1 tablet (as needed: chest pain)");

        Bundle tooLong = bundle().line(NIFEDIPINE_CAPSULE, 10, 3, 0).bundle();
        only(tooLong, MedicationRequest.class).getDosageInstructionFirstRep().setText("x".repeat(490))
                .setAsNeeded(new CodeableConcept().setText("chest pain"));
        assertThat(fhir().post(CREATE, tooLong, prescriber).assertOutcome(400, OperationOutcome.IssueType.INVALID)
                .getDiagnostics()).contains("MedicationRequest 1", "dosageInstruction.text", "as needed: chest pain",
                "500");
    }

    @Test
    void errorsAnsweredBeforeAFhirControllerAreOperationOutcomesToo() {
        String tooLarge = FhirConformance.json(bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle())
                .replace("Hanako", "x".repeat(70_000));
        FhirHttp.Answer oversized = fhir().post(CREATE, tooLarge, FHIR_JSON, prescriber, Map.of());
        assertThat(oversized.status()).as(oversized.toString()).isEqualTo(413);
        assertThat(oversized.contentType()).startsWith(FHIR_JSON);
        assertThat(oversized.as(OperationOutcome.class).getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
                .isEqualTo("body-too-large");

        FhirHttp.Answer unknownPath = fhir().get("/NoSuchResource/1", prescriber, Map.of());
        assertThat(unknownPath.status()).as(unknownPath.toString()).isEqualTo(404);
        assertThat(unknownPath.contentType()).as(unknownPath.toString()).startsWith(FHIR_JSON);
        unknownPath.as(OperationOutcome.class);
        FhirHttp.Answer unknownInXml = fhir().get("/Task/" + java.util.UUID.randomUUID() + "/no-such-part",
                prescriber, Map.of("Accept", FHIR_XML));
        assertThat(unknownInXml.contentType()).as(unknownInXml.toString()).startsWith(FHIR_XML);
        unknownInXml.as(OperationOutcome.class);
    }

    @Test
    void xmlWithAnExternalEntityIsRefusedWithoutReadingIt() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE Bundle [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>"
                + "<Bundle xmlns=\"http://hl7.org/fhir\"><type value=\"collection\"/><entry><resource><Patient>"
                + "<name><text value=\"&secret;\"/></name></Patient></resource></entry></Bundle>";

        FhirHttp.Answer answer = fhir().post(CREATE, xml, FHIR_XML, prescriber, Map.of());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.as(OperationOutcome.class).getIssueFirstRep().getDiagnostics())
                .as("refused by the parser, not later for a missing line").contains("not a valid FHIR R4 Bundle")
                .doesNotContain("root:");
    }

    @Test
    void aQuantityInAUcumUnitOtherThanTheDrugsIs422NamingTheDrugsUnit() {
        // UCUM mg on a line of amlodipine 5 mg tablets: 140 mg would be counted as 140 tablets
        Bundle sent = bundle().line(new Coding(IssueBundles.YJ, AMLODIPINE_BRAND, null), 140, "mg", 28, 0).bundle();
        only(sent, MedicationRequest.class).getDispenseRequest().getQuantity()
                .setSystem("http://unitsofmeasure.org").setCode("mg");

        FhirHttp.Answer answer = fhir().post(CREATE, sent, prescriber);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
        OperationOutcome.OperationOutcomeIssueComponent issue = answer.as(OperationOutcome.class).getIssueFirstRep();
        assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.BUSINESSRULE);
        assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("invalid-lines");
        assertThat(issue.getDiagnostics()).contains("counted in tablet, not in mg");
    }

    @Test
    void anUnknownDrugIs422WithTheRefusalCode() {
        FhirHttp.Answer answer = fhir().post(CREATE, bundle().line("9999999X9999", 28, 28, 0).bundle(), prescriber);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
        OperationOutcome.OperationOutcomeIssueComponent issue = answer.as(OperationOutcome.class).getIssueFirstRep();
        assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.BUSINESSRULE);
        assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("unknown-drug");
    }

    @Test
    void aDrugInAnotherCodeSystemIs422NamingThatSystem() {
        FhirHttp.Answer answer = fhir().post(CREATE, bundle()
                .line(new Coding("http://snomed.info/sct", "39732311000001104", null), 21, 7, 0).bundle(), prescriber);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
        OperationOutcome.OperationOutcomeIssueComponent issue = answer.as(OperationOutcome.class).getIssueFirstRep();
        assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.CODEINVALID);
        assertThat(issue.getDiagnostics()).contains("http://snomed.info/sct");
    }

    @Test
    void englandsAndGermanysPrescriptionBundlesAreRefusedForTheirCodeSystems() throws IOException {
        Map<String, String> examples = Map.of(
                "/fhir-examples/nhs-eps/prescription-order-acute-bundle.json", "http://snomed.info/sct",
                "/fhir-examples/gematik-erp/kbv-prescription-bundle-pzn.json", "http://fhir.de/CodeSystem/ifa/pzn");
        for (Map.Entry<String, String> example : examples.entrySet()) {
            String body = resource(example.getKey());
            FhirConformance.CONTEXT.newJsonParser().parseResource(Bundle.class, body);

            FhirHttp.Answer answer = fhir().post(CREATE, body, FHIR_JSON, prescriber, Map.of());

            assertThat(answer.status()).as(example.getKey() + " -> " + answer).isEqualTo(422);
            assertThat(answer.as(OperationOutcome.class).getIssueFirstRep().getDiagnostics())
                    .contains(example.getValue());
        }
    }

    @Test
    void aPharmacistsTokenIs403AndNoTokenIs401() {
        Bundle sent = bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle();

        FhirHttp.Answer pharmacist = fhir().post(CREATE, sent, Identity.pharmacist(unique("PH")));
        pharmacist.assertOutcome(403, OperationOutcome.IssueType.FORBIDDEN);

        FhirHttp.Answer otherInstitution = fhir().post(CREATE, sent,
                Identity.prescriber("DOC-" + institution, unique("HOSP")));
        assertThat(otherInstitution.status()).as(otherInstitution.toString()).isEqualTo(403);

        FhirHttp.Answer anonymous = fhir().post(CREATE, sent, null);
        anonymous.assertOutcome(401, OperationOutcome.IssueType.LOGIN);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstAnswer() {
        String body = FhirConformance.json(bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle());
        Map<String, String> key = Map.of("Idempotency-Key", unique("key"));

        FhirHttp.Answer first = fhir().post(CREATE, body, FHIR_JSON, prescriber, key);
        FhirHttp.Answer retry = fhir().post(CREATE, body, FHIR_JSON, prescriber, key);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
    }

    private IssueBundles bundle() {
        return new IssueBundles(patient, BIRTH_DATE, "DOC-" + institution, institution);
    }

    private FhirHttp fhir() {
        return new FhirHttp(port);
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = FhirTaskCreateIT.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
