package org.eprescription.api.fhir;

import org.eprescription.api.support.Prescriptions;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

import java.time.LocalDate;

import static org.eprescription.api.fhir.IssueBundles.SID;
import static org.eprescription.api.fhir.IssueBundles.YJ;

/** Builds the Parameters a pharmacy system or an EHR sends to the Task operations, with HAPI's model. */
final class TaskParameters {

    private final Parameters parameters = new Parameters();

    static TaskParameters accept(String exchangeCode, LocalDate birthDate) {
        TaskParameters accept = new TaskParameters();
        accept.parameters.addParameter().setName("exchange-code").setValue(new StringType(exchangeCode));
        accept.parameters.addParameter().setName("birth-date").setValue(new DateType(birthDate.toString()));
        return accept;
    }

    static TaskParameters reason(String reason) {
        TaskParameters withReason = new TaskParameters();
        withReason.parameters.addParameter().setName("reason").setValue(new StringType(reason));
        return withReason;
    }

    static TaskParameters dispensing() {
        return new TaskParameters();
    }

    /** One MedicationDispense against the line the MedicationRequest identifier names. */
    TaskParameters item(Identifier line, String drugCode, int quantity, int days) {
        MedicationDispense dispense = new MedicationDispense()
                .setStatus(MedicationDispense.MedicationDispenseStatus.COMPLETED)
                .setMedication(new CodeableConcept().addCoding(new Coding(YJ, drugCode, null)))
                .setQuantity(new Quantity().setValue(quantity).setUnit(Prescriptions.unitOf(drugCode)))
                .setDaysSupply((Duration) new Duration().setValue(days).setUnit("d")
                        .setSystem("http://unitsofmeasure.org").setCode("d"));
        dispense.addAuthorizingPrescription(new Reference().setType("MedicationRequest")
                .setIdentifier(new Identifier().setSystem(line.getSystem()).setValue(line.getValue())));
        parameters.addParameter().setName("medicationDispense").setResource(dispense);
        return this;
    }

    /** The pharmacy the MedicationDispenses name as performer. */
    TaskParameters performedBy(String pharmacyId) {
        parameters.getParameter().stream().map(parameter -> (MedicationDispense) parameter.getResource())
                .forEach(dispense -> dispense.addPerformer().setActor(new Reference()
                        .setIdentifier(new Identifier().setSystem(SID + "pharmacy-id").setValue(pharmacyId))));
        return this;
    }

    TaskParameters completesUse(boolean completes) {
        parameters.addParameter().setName("completes-use").setValue(new BooleanType(completes));
        return this;
    }

    Parameters parameters() {
        return parameters;
    }
}
