package org.eprescription.api.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.eprescription.api.config.ExchangeProperties;
import org.eprescription.api.eventlog.PrescriptionsFromEvents;
import org.eprescription.api.input.FieldLimits;
import org.eprescription.api.prescription.IssueRequest;
import org.eprescription.api.prescription.PrescriptionViews;
import org.eprescription.core.ids.PrescriptionId;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestDispenseRequestComponent;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The Bundle of {@code Task/$create} as the JSON API's issue body (docs/fhir.md, "Task/$create"), so that the
 * issue goes the one way every issue goes. Only the shape is checked here; whether the prescription may be issued
 * is the aggregate's decision.
 */
@Component
class IssueBundleReader {

    private final FhirSystems systems;
    private final FhirInputs inputs;
    private final ZoneId zone;
    private final Clock clock;
    private final PrescriptionViews views;
    private final PrescriptionsFromEvents fromEvents;

    IssueBundleReader(FhirSystems systems, FhirInputs inputs, ExchangeProperties exchange, Clock clock,
                      PrescriptionViews views, PrescriptionsFromEvents fromEvents) {
        this.systems = systems;
        this.inputs = inputs;
        this.zone = exchange.zone();
        this.clock = clock;
        this.views = views;
        this.fromEvents = fromEvents;
    }

    /** The drugs are read first: a prescription from another country's system is refused for its codes (422). */
    IssueRequest read(Bundle bundle) {
        requireNothingReadPast(bundle);
        List<MedicationRequest> requests = all(bundle, MedicationRequest.class);
        if (requests.isEmpty()) {
            throw FhirRequestException.malformed("the Bundle holds no MedicationRequest");
        }
        List<IssueRequest.Line> lines = new ArrayList<>();
        for (int index = 0; index < requests.size(); index++) {
            lines.add(line(index + 1, requests.get(index), bundle));
        }
        Patient patient = single(bundle, Patient.class);
        Practitioner practitioner = single(bundle, Practitioner.class);
        Organization organization = single(bundle, Organization.class);
        for (int index = 0; index < requests.size(); index++) {
            requireTheBundlesParties("MedicationRequest " + (index + 1), requests.get(index), bundle, patient,
                    practitioner);
        }
        if (!patient.hasBirthDate() || patient.getBirthDateElement().getPrecision() != TemporalPrecisionEnum.DAY) {
            throw FhirRequestException.malformed("Patient.birthDate is required, as a day (YYYY-MM-DD)");
        }
        UUID named = NamedPrescriptionId.of(bundle, requests, systems.prescriptionId());
        IssueRequest request = new IssueRequest(named,
                new IssueRequest.Patient(identifier(patient.getIdentifier(), systems.patientId(), "Patient"),
                        LocalDate.parse(patient.getBirthDateElement().getValueAsString()),
                        patient.hasName() ? blankToNull(patient.getNameFirstRep().getNameAsSingleString()) : null),
                new IssueRequest.Prescriber(
                        identifier(practitioner.getIdentifier(), systems.practitionerId(), "Practitioner"),
                        identifier(organization.getIdentifier(), systems.institutionId(), "Organization")),
                lines, refills(requests), validUntil(requests, named), List.of());
        return inputs.requireValid(request);
    }

    private IssueRequest.Line line(int number, MedicationRequest request, Bundle bundle) {
        String where = "MedicationRequest " + number;
        if (request.hasDoNotPerform() && request.getDoNotPerform()) {
            throw FhirRequestException.malformed(where + ": doNotPerform true says the drug must not be given; the "
                    + "exchange issues only what is to be dispensed (docs/fhir.md, \"Task/$create\")");
        }
        CodeableConcept drug = drug(where, request, bundle);
        String drugCode = FhirInputs.yjCode(where, drug);
        if (request.getStatus() != MedicationRequest.MedicationRequestStatus.ACTIVE
                || request.getIntent() != MedicationRequest.MedicationRequestIntent.ORDER) {
            throw FhirRequestException.malformed(where + ": an issue takes MedicationRequests of status active and "
                    + "intent order");
        }
        MedicationRequestDispenseRequestComponent dispense = request.getDispenseRequest();
        if (!dispense.hasQuantity() || !dispense.getQuantity().hasValue()) {
            throw FhirRequestException.malformed(where + ": dispenseRequest.quantity with a value is required");
        }
        String unit = FhirInputs.unitOf(where, "dispenseRequest.quantity", dispense.getQuantity());
        if (unit == null) {
            throw FhirRequestException.malformed(where + ": dispenseRequest.quantity needs a unit");
        }
        Dosage dosage = request.getDosageInstructionFirstRep();
        if (request.getDosageInstruction().size() != 1 || !dosage.hasText()) {
            throw FhirRequestException.malformed(where + ": exactly one dosageInstruction with a text is required");
        }
        requireSubstitutable(where, request);
        if (dispense.hasInitialFill() || dispense.hasDispenseInterval()) {
            // a first fill of another quantity, or a least interval between fills, would be dropped: the exchange
            // dispenses each use as prescribed, whenever the pharmacy is asked
            throw FhirRequestException.malformed(where + ": dispenseRequest.initialFill and dispenseInterval are not "
                    + "supported; the exchange has neither, and would otherwise drop them (docs/fhir.md, "
                    + "\"Task/$create\")");
        }
        Boolean asNeeded = FhirInputs.asNeeded(dosage);
        String instructions = withReason(where, dosage.getText(), FhirInputs.asNeededReason(where, dosage));
        return new IssueRequest.Line(number, drugCode, dispense.getQuantity().getValue(), unit, instructions,
                FhirInputs.wholeDays(where, "dispenseRequest.expectedSupplyDuration",
                        dispense.getExpectedSupplyDuration()), asNeeded);
    }

    /**
     * The dosage text with the reason to take the drug as needed ({@code asNeededCodeableConcept}, "for pain"), which
     * the exchange keeps in the line's dosage, its one place for how to take it: a pharmacy reads it there, in the
     * JSON API's {@code dosage} and FHIR's {@code dosageInstruction.text}. The reason is appended as
     * "(as needed: reason)" unless the text already ends so or holds it so (a MedicationRequest the exchange answered,
     * sent back): a text that merely mentions the word ("no painkillers" for "pain") does not say it is the reason.
     * A text the reason would make longer than a dosage may be is refused (400), naming the dosage.
     */
    private static String withReason(String where, String text, Optional<String> reason) {
        String dosage = reason.isEmpty() || text.toLowerCase(Locale.ROOT).contains(asNeeded(reason.get())
                .toLowerCase(Locale.ROOT)) ? text : text + " " + asNeeded(reason.get());
        if (dosage.length() > FieldLimits.TEXT) {
            throw FhirRequestException.invalid(where + ": dosageInstruction.text" + (dosage.equals(text) ? ""
                    : " with the reason of asNeededCodeableConcept, \"" + asNeeded(reason.get()) + "\",")
                    + " is " + dosage.length() + " characters; a dosage has at most " + FieldLimits.TEXT
                    + " (docs/fhir.md, \"Task/$create\")");
        }
        return dosage;
    }

    private static String asNeeded(String reason) {
        return "(as needed: " + reason + ")";
    }

    /**
     * A MedicationRequest's {@code subject} and {@code requester}, where given, must name the Bundle's Patient and
     * Practitioner (by the entry's full URL, {@code <type>/<id>}, or one of its identifiers; a requester also through a
     * PractitionerRole of the Bundle whose practitioner is the Bundle's): the exchange issues every line for the
     * Bundle's Patient, and a line written for someone else must not become this patient's.
     */
    private static void requireTheBundlesParties(String where, MedicationRequest request, Bundle bundle,
                                                 Patient patient, Practitioner practitioner) {
        if (request.hasSubject() && !names(request.getSubject(), bundle, patient)) {
            throw FhirRequestException.malformed(where + ": subject names another patient than the Bundle's Patient");
        }
        if (request.hasRequester() && !names(request.getRequester(), bundle, practitioner)
                && !throughRole(request.getRequester(), bundle, practitioner)) {
            throw FhirRequestException.malformed(where + ": requester names another practitioner than the Bundle's "
                    + "Practitioner");
        }
    }

    private static boolean throughRole(Reference reference, Bundle bundle, Practitioner practitioner) {
        return bundle.getEntry().stream()
                .filter(entry -> entry.getResource() instanceof PractitionerRole)
                .filter(entry -> reference.hasReference() && refersTo(reference.getReference(), entry))
                .map(entry -> (PractitionerRole) entry.getResource())
                .anyMatch(role -> role.hasPractitioner() && names(role.getPractitioner(), bundle, practitioner));
    }

    /** Whether {@code reference} names {@code target}, an entry of {@code bundle}; a reference to nothing does not. */
    private static boolean names(Reference reference, Bundle bundle, Resource target) {
        if (reference.hasReference()) {
            return bundle.getEntry().stream().filter(entry -> entry.getResource() == target)
                    .anyMatch(entry -> refersTo(reference.getReference(), entry));
        }
        if (reference.hasIdentifier()) {
            Identifier named = reference.getIdentifier();
            List<Identifier> own = target instanceof Patient p ? p.getIdentifier()
                    : target instanceof Practitioner p ? p.getIdentifier() : List.of();
            return own.stream().anyMatch(identifier -> Objects.equals(identifier.getSystem(), named.getSystem())
                    && Objects.equals(identifier.getValue(), named.getValue()));
        }
        // a display alone names nobody in particular: it cannot name someone else either
        return true;
    }

    private static boolean refersTo(String reference, Bundle.BundleEntryComponent entry) {
        Resource resource = entry.getResource();
        return reference.equals(entry.getFullUrl()) || (resource.getIdElement().hasIdPart()
                && reference.equals(resource.fhirType() + "/" + resource.getIdElement().getIdPart()));
    }

    /**
     * Before anything is read: a modifierExtension or a comparator in an entry the issue reads (the Patient, the
     * Practitioner, the Organization, the MedicationRequests and the Medications they name) changes what the rest
     * of it means. Other resources are not read, so what they say cannot change the prescription.
     */
    private static void requireNothingReadPast(Bundle bundle) {
        int requests = 0;
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource instanceof MedicationRequest) {
                FhirInputs.requireNothingReadPast("MedicationRequest " + ++requests, entry);
            } else if (resource instanceof Patient || resource instanceof Practitioner
                    || resource instanceof Organization || resource instanceof Medication) {
                FhirInputs.requireNothingReadPast("the " + resource.fhirType(), entry);
            }
        }
    }

    /**
     * Codes of {@code v3-substanceAdminSubstitution} (and of {@code v3-ActCode}, which holds the same codes) that allow
     * what the exchange allows on every line, a dose-true generic substitute: equivalent, equivalent composition,
     * generic, therapeutic alternative, therapeutic generic. {@code N} (none), {@code BC} and {@code TB} (brands only),
     * {@code F} (per formulary) and any other code do not.
     */
    private static final Set<String> ALLOWING_GENERICS = Set.of("E", "EC", "G", "TE", "TG");
    private static final Set<String> SUBSTITUTION_SYSTEMS = Set.of(
            "http://terminology.hl7.org/CodeSystem/v3-substanceAdminSubstitution", FhirSystems.ACT_CODE);

    /**
     * The exchange lets any pharmacy dispense a dose-true substitute of any line: it cannot carry "no substitution"
     * (or "brands only"), and dropping the prescriber's instruction would let one out. A line that says so, as
     * {@code allowedBoolean} false or as an {@code allowedCodeableConcept} with any code that does not allow a generic
     * substitute (or none the exchange knows), is refused.
     */
    private static void requireSubstitutable(String where, MedicationRequest request) {
        if (!request.hasSubstitution()) {
            return;
        }
        MedicationRequest.MedicationRequestSubstitutionComponent substitution = request.getSubstitution();
        if (substitution.hasAllowedBooleanType() && !substitution.getAllowedBooleanType().booleanValue()) {
            throw FhirRequestException.malformed(where + ": substitution.allowedBoolean false is not supported; the "
                    + "exchange allows dose-true substitutes on every line (docs/fhir.md, \"Task/$create\")");
        }
        if (substitution.hasAllowedCodeableConcept()) {
            CodeableConcept allowed = substitution.getAllowedCodeableConcept();
            boolean allowsGenerics = allowed.hasCoding() && allowed.getCoding().stream()
                    .allMatch(coding -> SUBSTITUTION_SYSTEMS.contains(coding.getSystem())
                            && ALLOWING_GENERICS.contains(coding.getCode()));
            if (!allowsGenerics) {
                throw FhirRequestException.malformed(where + ": substitution.allowedCodeableConcept "
                        + allowed.getCoding().stream().map(coding -> coding.getSystem() + "|" + coding.getCode())
                        .collect(Collectors.joining(", "))
                        + " does not allow what the exchange allows on every line, a dose-true generic substitute "
                        + "(codes E, EC, G, TE, TG of v3-substanceAdminSubstitution do); the exchange cannot carry "
                        + "\"no substitution\" (docs/fhir.md, \"Task/$create\")");
            }
        }
    }

    /** The medicationCodeableConcept, or the code of the Medication in the Bundle that medicationReference names. */
    private static CodeableConcept drug(String where, MedicationRequest request, Bundle bundle) {
        if (request.hasMedicationCodeableConcept()) {
            return request.getMedicationCodeableConcept();
        }
        if (request.hasMedicationReference() && request.getMedicationReference().hasReference()) {
            String reference = request.getMedicationReference().getReference();
            return bundle.getEntry().stream()
                    .filter(entry -> entry.getResource() instanceof Medication)
                    .filter(entry -> reference.equals(entry.getFullUrl())
                            || reference.equals("Medication/" + entry.getResource().getIdElement().getIdPart()))
                    .map(entry -> ((Medication) entry.getResource()).getCode())
                    .findFirst()
                    .orElseThrow(() -> FhirRequestException.malformed(where + ": medicationReference " + reference
                            + " names no Medication in the Bundle"));
        }
        throw FhirRequestException.malformed(where + ": the drug must be a medicationCodeableConcept");
    }

    /**
     * The exchange counts refills per prescription: every line must say the same, or none say any. A line that says
     * nothing means no repeats (FHIR's reading), so it disagrees with a line that allows some: the refills must never
     * spread to a line (an antibiotic) whose prescriber allowed none.
     */
    private static Integer refills(List<MedicationRequest> requests) {
        Set<Integer> given = requests.stream()
                .map(request -> request.getDispenseRequest().hasNumberOfRepeatsAllowed()
                        ? request.getDispenseRequest().getNumberOfRepeatsAllowed() : 0)
                .collect(Collectors.toSet());
        boolean anyStated = requests.stream().anyMatch(request -> request.getDispenseRequest()
                .hasNumberOfRepeatsAllowed());
        if (!anyStated) {
            return null;
        }
        if (given.size() > 1) {
            throw FhirRequestException.malformed("dispenseRequest.numberOfRepeatsAllowed differs between the "
                    + "MedicationRequests; a prescription has one number of refills");
        }
        return given.stream().findFirst().orElse(null);
    }

    /**
     * The exchange has one validity per prescription: every line must end it on the same day, or none say any. A
     * start is the day of issue: today, or, for a Bundle naming a prescription already issued (a resend), that day.
     */
    private LocalDate validUntil(List<MedicationRequest> requests, UUID named) {
        LocalDate today = LocalDate.now(clock);
        Set<LocalDate> given = requests.stream()
                .filter(request -> request.getDispenseRequest().hasValidityPeriod())
                .map(request -> request.getDispenseRequest().getValidityPeriod())
                .map(period -> {
                    if (!period.hasEnd()) {
                        throw FhirRequestException.malformed("dispenseRequest.validityPeriod needs an end");
                    }
                    if (period.hasStart()) {
                        LocalDate start = day(period.getStartElement(), "start");
                        if (!start.equals(today) && !issuedOn(named).filter(start::equals).isPresent()) {
                            // the exchange has no "valid from": a prescription may be dispensed from the day it is
                            // issued, so a later start would be dropped and the drug let out before it
                            throw FhirRequestException.malformed("dispenseRequest.validityPeriod.start must be the "
                                    + "day of issue (today, " + today + "; for a Bundle sent again, the day its "
                                    + "prescription was issued) or absent; the exchange has no later start "
                                    + "(docs/fhir.md, \"Task/$create\")");
                        }
                    }
                    return day(period.getEndElement(), "end");
                })
                .collect(Collectors.toSet());
        long stating = requests.stream().filter(request -> request.getDispenseRequest().hasValidityPeriod()).count();
        if (given.size() > 1 || (stating > 0 && stating < requests.size())) {
            throw FhirRequestException.malformed("dispenseRequest.validityPeriod.end differs between the "
                    + "MedicationRequests (or some give one and others none); a prescription is valid until one day");
        }
        return given.stream().findFirst().orElse(null);
    }

    /** The day the named prescription was issued, from the view or, while the view lags, from its events. */
    private Optional<LocalDate> issuedOn(UUID named) {
        if (named == null) {
            return Optional.empty();
        }
        PrescriptionId id = new PrescriptionId(named);
        return views.find(id).or(() -> fromEvents.read(id))
                .map(view -> view.issuedOn() != null ? view.issuedOn() : LocalDate.ofInstant(view.issuedAt(), zone));
    }

    /** A day as written; a moment on the day it falls on in the exchange's zone ({@link FhirInputs#day}). */
    private LocalDate day(DateTimeType value, String element) {
        return FhirInputs.day("dispenseRequest.validityPeriod." + element, value, zone);
    }

    private static String identifier(List<Identifier> identifiers, String system, String resource) {
        return identifiers.stream()
                .filter(identifier -> system.equals(identifier.getSystem()) && identifier.hasValue())
                .map(Identifier::getValue).findFirst()
                .orElseThrow(() -> FhirRequestException.unsupportedSystem(resource + " has no identifier of system "
                        + system + (identifiers.isEmpty() ? "" : " (it has " + identifiers.stream()
                        .map(Identifier::getSystem).filter(Objects::nonNull).distinct()
                        .collect(Collectors.joining(", ")) + ")")));
    }

    private static <T extends Resource> T single(Bundle bundle, Class<T> type) {
        List<T> found = all(bundle, type);
        if (found.size() != 1) {
            throw FhirRequestException.malformed("the Bundle must hold exactly one " + type.getSimpleName()
                    + " (it holds " + found.size() + ")");
        }
        return found.get(0);
    }

    private static <T extends Resource> List<T> all(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance).map(type::cast).toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
