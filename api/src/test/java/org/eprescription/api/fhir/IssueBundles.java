package org.eprescription.api.fhir;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import org.eprescription.api.support.Prescriptions;

import java.time.LocalDate;
import java.util.UUID;

/** Builds the Bundles an EHR would send to {@code Task/$create}, with HAPI's model. */
final class IssueBundles {

    static final String SID = "http://example.org/fhir/sid/";
    static final String YJ = "urn:oid:1.2.392.100495.20.1.73";

    private final Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
    private final String patientUrl;
    private final String practitionerUrl;

    /** The patient, the prescriber and the institution; lines follow with {@link #line}. */
    IssueBundles(String patientId, LocalDate birthDate, String prescriberId, String institutionId) {
        Patient patient = new Patient().addIdentifier(new Identifier().setSystem(SID + "patient-id").setValue(patientId))
                .addName(new HumanName().setFamily("Yamada").addGiven("Hanako"));
        patient.setBirthDateElement(new DateType(birthDate.toString()));
        patientUrl = add(patient);
        practitionerUrl = add(new Practitioner()
                .addIdentifier(new Identifier().setSystem(SID + "practitioner-id").setValue(prescriberId)));
        add(new Organization().addIdentifier(new Identifier().setSystem(SID + "institution-id").setValue(institutionId))
                .setName("Clinic " + institutionId));
    }

    IssueBundles line(String drugCode, int quantity, int days, int refills) {
        return line(new Coding(YJ, drugCode, null), quantity, Prescriptions.unitOf(drugCode), days, refills);
    }

    IssueBundles line(Coding drug, int quantity, int days, int refills) {
        return line(drug, quantity, "tablet", days, refills);
    }

    /** A line whose quantity names {@code unit}. */
    IssueBundles line(Coding drug, int quantity, String unit, int days, int refills) {
        MedicationRequest request = new MedicationRequest()
                .setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
                .setMedication(new CodeableConcept().addCoding(drug))
                .setSubject(new Reference(patientUrl))
                .setRequester(new Reference(practitionerUrl));
        request.addDosageInstruction().setText("1 tablet once daily after breakfast");
        request.getDispenseRequest()
                .setQuantity(new Quantity().setValue(quantity).setUnit(unit))
                .setExpectedSupplyDuration((Duration) new Duration().setValue(days).setUnit("d")
                        .setSystem("http://unitsofmeasure.org").setCode("d"))
                .setNumberOfRepeatsAllowed(refills);
        add(request);
        return this;
    }

    /** The last line as needed (頓用). */
    IssueBundles asNeeded() {
        lastLine().getDosageInstructionFirstRep().setAsNeeded(new BooleanType(true));
        return this;
    }

    /** Every line valid until {@code day}. */
    IssueBundles validUntil(LocalDate day) {
        bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(MedicationRequest.class::isInstance).map(MedicationRequest.class::cast)
                .forEach(request -> request.getDispenseRequest()
                        .setValidityPeriod(new Period().setEndElement(new DateTimeType(day.toString()))));
        return this;
    }

    private MedicationRequest lastLine() {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(MedicationRequest.class::isInstance).map(MedicationRequest.class::cast)
                .reduce((first, second) -> second).orElseThrow();
    }

    Bundle bundle() {
        return bundle;
    }

    private String add(Resource resource) {
        String url = "urn:uuid:" + UUID.randomUUID();
        bundle.addEntry().setFullUrl(url).setResource(resource);
        return url;
    }
}
