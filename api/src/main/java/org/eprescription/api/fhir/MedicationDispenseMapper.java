package org.eprescription.api.fhir;

import lombok.RequiredArgsConstructor;
import org.eprescription.core.prescription.DispensedItem;
import org.eprescription.core.prescription.PrescribedLine;
import org.eprescription.query.prescription.Dispensing;
import org.eprescription.query.prescription.PrescriptionView;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationDispense.MedicationDispenseStatus;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

import java.util.Date;
import java.util.Objects;
import java.util.Optional;

/**
 * An item of a dispensing as a MedicationDispense (docs/fhir.md, "Task/{id}/$dispense"): the drug handed out, a
 * substitution where it is not the line's drug, the line it was dispensed against by the line's identifier. The line
 * is the one the dispensing's use was dispensed under, not the line as a later amendment changed it. The quantity is
 * in the unit of the drug handed out ({@link HandedOutUnit}): 28 capsules of a substitute are not 28 tablets.
 */
@Component
@RequiredArgsConstructor
class MedicationDispenseMapper {

    private static final String SUBSTITUTION_TYPES =
            "http://terminology.hl7.org/CodeSystem/v3-substanceAdminSubstitution";

    private final FhirSystems systems;
    private final MedicationRequestMapper requests;
    private final HandedOutUnit units;

    MedicationDispense of(PrescriptionView view, Dispensing dispensing, DispensedItem item) {
        Optional<PrescribedLine> line = view.lineDispensedUnder(dispensing, item.lineNumber());
        MedicationDispense dispense = new MedicationDispense()
                .setStatus(dispensing.withdrawn() ? MedicationDispenseStatus.ENTEREDINERROR
                        : MedicationDispenseStatus.COMPLETED)
                .setMedication(new CodeableConcept().addCoding(new Coding(FhirSystems.YJ, item.drugCode().value(),
                        null)))
                .setSubject(FhirSystems.identified(systems.patientId(), view.patient().id().value()))
                .setQuantity(new Quantity().setValue(item.quantity()).setUnit(line.map(prescribed -> units.of(
                        prescribed.drugCode(), prescribed.unit(), item.drugCode())).orElse(null)))
                .setDaysSupply(MedicationRequestMapper.days(item.days()));
        dispense.setType(new CodeableConcept().addCoding(dispensing.use() > 1
                        ? new Coding(FhirSystems.ACT_CODE, "RF", "Refill")
                        : new Coding(FhirSystems.ACT_CODE, "FF", "First Fill"))
                .setText("use " + dispensing.use() + " of " + (view.refills() + 1)));
        dispense.addIdentifier(new Identifier().setSystem(systems.prescriptionId())
                .setValue(view.prescriptionId().toString()));
        dispense.addAuthorizingPrescription(new Reference().setType("MedicationRequest")
                .setIdentifier(requests.lineIdentifier(view.prescriptionId(), item.lineNumber())));
        if (dispensing.dispensedAt() != null) {
            dispense.setWhenHandedOver(Date.from(dispensing.dispensedAt()));
        }
        if (dispensing.pharmacistId() != null) {
            dispense.addPerformer().setActor(FhirSystems.identified(systems.pharmacistId(),
                    dispensing.pharmacistId().value()).setType("Practitioner"));
        }
        dispense.addPerformer().setActor(FhirSystems.identified(systems.pharmacyId(),
                dispensing.pharmacyId().value()).setType("Organization"));
        line.ifPresent(prescribed -> {
            Dosage dosage = dispense.addDosageInstruction().setText(prescribed.dosage());
            if (prescribed.asNeeded()) {
                dosage.setAsNeeded(new BooleanType(true));
            }
        });
        boolean substituted = line.isPresent() && !Objects.equals(line.get().drugCode(), item.drugCode());
        dispense.getSubstitution().setWasSubstituted(substituted);
        if (substituted) {
            dispense.getSubstitution().setType(new CodeableConcept().addCoding(
                    new Coding(SUBSTITUTION_TYPES, "G", "generic composition")));
        }
        return dispense;
    }
}
