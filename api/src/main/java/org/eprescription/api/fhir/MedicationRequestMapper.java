package org.eprescription.api.fhir;

import lombok.RequiredArgsConstructor;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.PrescriptionStatus;
import org.eprescription.query.prescription.PrescriptionView;
import org.eprescription.query.prescription.RefillWindow;
import org.eprescription.query.prescription.ViewLine;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.springframework.stereotype.Component;

import java.util.Date;
import java.util.Optional;

/**
 * A prescribed line as a MedicationRequest (docs/fhir.md, "Task/$create"), identified as
 * {@code <prescription id>/<line number>} in the system {@code prescription-line}: the identifier a
 * MedicationDispense names the line by.
 */
@Component
@RequiredArgsConstructor
class MedicationRequestMapper {

    private final FhirSystems systems;

    MedicationRequest of(PrescriptionView view, ViewLine line) {
        MedicationRequest request = new MedicationRequest()
                .setStatus(status(view))
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
                .setMedication(new CodeableConcept().addCoding(new Coding(FhirSystems.YJ, line.drugCode().value(),
                        line.drugName())))
                .setSubject(FhirSystems.identified(systems.patientId(), view.patient().id().value()))
                .setRequester(FhirSystems.identified(systems.practitionerId(), view.prescriber().id().value()))
                .setAuthoredOn(Date.from(view.issuedAt()))
                .setGroupIdentifier(new Identifier().setSystem(systems.prescriptionId())
                        .setValue(view.prescriptionId().toString()));
        request.addIdentifier(lineIdentifier(view.prescriptionId(), line.lineNumber()));
        Dosage dosage = request.addDosageInstruction().setText(line.dosage());
        if (line.asNeeded()) {
            dosage.setAsNeeded(new BooleanType(true));
        }
        MedicationRequest.MedicationRequestDispenseRequestComponent dispense = request.getDispenseRequest();
        dispense.setQuantity(new Quantity().setValue(line.quantity()).setUnit(line.unit()));
        dispense.setExpectedSupplyDuration(days(line.days()));
        dispense.setNumberOfRepeatsAllowed(view.refills());
        RefillWindow refill = view.refillWindow();
        if (refill != null) {
            // a refill use may be dispensed in its window, long after the first use's validUntil: a pharmacy system
            // that keeps to the validity period (R4: no dispense outside it) would refuse it otherwise
            dispense.setValidityPeriod(new Period().setStartElement(new DateTimeType(refill.opens().toString()))
                    .setEndElement(new DateTimeType(refill.closes().toString())));
        } else if (view.validUntil() != null) {
            Period validity = new Period().setEndElement(new DateTimeType(view.validUntil().toString()));
            if (view.issuedOn() != null) {
                validity.setStartElement(new DateTimeType(view.issuedOn().toString()));
            }
            dispense.setValidityPeriod(validity);
        }
        return request;
    }

    Identifier lineIdentifier(PrescriptionId prescription, int lineNumber) {
        return new Identifier().setSystem(systems.prescriptionLine()).setValue(prescription + "/" + lineNumber);
    }

    /** The line number an identifier of {@code prescription}'s line names, if it names one. */
    Optional<Integer> lineNumber(PrescriptionId prescription, Identifier identifier) {
        String prefix = prescription + "/";
        if (!systems.prescriptionLine().equals(identifier.getSystem()) || identifier.getValue() == null
                || !identifier.getValue().startsWith(prefix)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(identifier.getValue().substring(prefix.length())));
        } catch (NumberFormatException notALine) {
            return Optional.empty();
        }
    }

    static Duration days(int days) {
        return (Duration) new Duration().setValue(days).setUnit("d").setSystem(FhirSystems.UCUM).setCode("d");
    }

    /**
     * Active while it may still be dispensed; completed with the prescription; cancelled or expired: cancelled if
     * nothing was ever dispensed, else stopped (FHIR's "cancelled" is for an order nothing was done for).
     */
    private static MedicationRequestStatus status(PrescriptionView view) {
        PrescriptionStatus status = view.status();
        if (!status.isFinal()) {
            return MedicationRequestStatus.ACTIVE;
        }
        if (status == PrescriptionStatus.COMPLETED) {
            return MedicationRequestStatus.COMPLETED;
        }
        return view.dispensings().stream().allMatch(dispensing -> dispensing.withdrawn())
                ? MedicationRequestStatus.CANCELLED : MedicationRequestStatus.STOPPED;
    }
}
