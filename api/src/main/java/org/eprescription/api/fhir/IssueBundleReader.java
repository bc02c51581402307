package org.eprescription.api.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.eprescription.api.config.ExchangeProperties;
import org.eprescription.api.prescription.IssueRequest;
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
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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

    IssueBundleReader(FhirSystems systems, FhirInputs inputs, ExchangeProperties exchange) {
        this.systems = systems;
        this.inputs = inputs;
        this.zone = exchange.zone();
    }

    /** The drugs are read first: a prescription from another country's system is refused for its codes (422). */
    IssueRequest read(Bundle bundle) {
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
        if (!patient.hasBirthDate() || patient.getBirthDateElement().getPrecision() != TemporalPrecisionEnum.DAY) {
            throw FhirRequestException.malformed("Patient.birthDate is required, as a day (YYYY-MM-DD)");
        }
        IssueRequest request = new IssueRequest(null,
                new IssueRequest.Patient(identifier(patient.getIdentifier(), systems.patientId(), "Patient"),
                        LocalDate.parse(patient.getBirthDateElement().getValueAsString()),
                        patient.hasName() ? blankToNull(patient.getNameFirstRep().getNameAsSingleString()) : null),
                new IssueRequest.Prescriber(
                        identifier(practitioner.getIdentifier(), systems.practitionerId(), "Practitioner"),
                        identifier(organization.getIdentifier(), systems.institutionId(), "Organization")),
                lines, refills(requests), validUntil(requests), List.of());
        return inputs.requireValid(request);
    }

    private IssueRequest.Line line(int number, MedicationRequest request, Bundle bundle) {
        String where = "MedicationRequest " + number;
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
        String unit = dispense.getQuantity().hasUnit() ? dispense.getQuantity().getUnit()
                : dispense.getQuantity().getCode();
        if (unit == null || unit.isBlank()) {
            throw FhirRequestException.malformed(where + ": dispenseRequest.quantity needs a unit");
        }
        Dosage dosage = request.getDosageInstructionFirstRep();
        if (request.getDosageInstruction().size() != 1 || !dosage.hasText()) {
            throw FhirRequestException.malformed(where + ": exactly one dosageInstruction with a text is required");
        }
        if (request.hasSubstitution() && request.getSubstitution().hasAllowedBooleanType()
                && !request.getSubstitution().getAllowedBooleanType().booleanValue()) {
            // the exchange lets any pharmacy dispense a dose-true substitute: it cannot carry "no substitution", and
            // dropping the prescriber's instruction would let one out
            throw FhirRequestException.malformed(where + ": substitution.allowedBoolean false is not supported; the "
                    + "exchange allows dose-true substitutes on every line (docs/fhir.md, \"Task/$create\")");
        }
        Boolean asNeeded = FhirInputs.asNeeded(dosage);
        return new IssueRequest.Line(number, drugCode, dispense.getQuantity().getValue(), unit, dosage.getText(),
                FhirInputs.wholeDays(where, "dispenseRequest.expectedSupplyDuration",
                        dispense.getExpectedSupplyDuration()), asNeeded);
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

    /** The exchange has one validity per prescription: every line must end it on the same day, or none say any. */
    private LocalDate validUntil(List<MedicationRequest> requests) {
        Set<LocalDate> given = requests.stream()
                .filter(request -> request.getDispenseRequest().hasValidityPeriod())
                .map(request -> request.getDispenseRequest().getValidityPeriod())
                .map(period -> {
                    if (!period.hasEnd()) {
                        throw FhirRequestException.malformed("dispenseRequest.validityPeriod needs an end");
                    }
                    DateTimeType end = period.getEndElement();
                    if (end.getPrecision().compareTo(TemporalPrecisionEnum.DAY) < 0) {
                        throw FhirRequestException.malformed("dispenseRequest.validityPeriod.end must name a day");
                    }
                    // a day as written; a moment on the day it falls on in the exchange's zone
                    return end.getPrecision() == TemporalPrecisionEnum.DAY
                            ? LocalDate.of(end.getYear(), end.getMonth() + 1, end.getDay())
                            : end.getValue().toInstant().atZone(zone).toLocalDate();
                })
                .collect(Collectors.toSet());
        long stating = requests.stream().filter(request -> request.getDispenseRequest().hasValidityPeriod()).count();
        if (given.size() > 1 || (stating > 0 && stating < requests.size())) {
            throw FhirRequestException.malformed("dispenseRequest.validityPeriod.end differs between the "
                    + "MedicationRequests (or some give one and others none); a prescription is valid until one day");
        }
        return given.stream().findFirst().orElse(null);
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
