package org.eprescription.api.fhir;

import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationDefinition.OperationParameterUse;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An operation on Task the interface serves (docs/fhir.md), with what its OperationDefinition says: the
 * CapabilityStatement lists exactly {@link #ALL}, and {@code /OperationDefinition/Task-<code>} serves each.
 */
record TaskOperation(String code, String title, boolean instance, String who, String description,
                     List<Parameter> parameters) {

    /** A parameter as the OperationDefinition lists it. */
    record Parameter(String name, OperationParameterUse use, String type, int min, String max,
                     String documentation) {
    }

    private static final Parameter ANSWERS_TASK = out("Task", "The Task");
    private static final Parameter ANSWERS_DISPENSED = out("Bundle",
            "The Task, the MedicationDispenses and the DetectedIssues");
    private static final Parameter DISPENSED = in(DispenseParametersReader.DISPENSE, "MedicationDispense", 1, "*",
            "What was handed out");

    static final TaskOperation CREATE = new TaskOperation("create", "Issue a prescription", false, "a prescriber",
            "Issues a prescription. In: a Bundle holding the Patient (an identifier of system patient-id, birthDate), "
                    + "the Practitioner (practitioner-id) and the Organization (institution-id) who prescribe, and one "
                    + "MedicationRequest per line (the drug as a YJ code, dispenseRequest.quantity, "
                    + "expectedSupplyDuration in days, numberOfRepeatsAllowed, validityPeriod, dosageInstruction.text, "
                    + "optionally asNeededBoolean, or asNeededCodeableConcept whose reason (its text, else its "
                    + "codings' display) is kept in the dosage text as \"(as needed: reason)\"; a reason of codes "
                    + "alone, or one that makes the dosage longer than 500 characters, is 400), optionally naming the "
                    + "prescription (each MedicationRequest's groupIdentifier or Bundle.identifier, system "
                    + "prescription-id, a UUID): the same Bundle sent again, even on a later day, then issues nothing "
                    + "and answers 200 as the first time, another under the same id is 409; without it, a retry issues "
                    + "again unless it carries an Idempotency-Key. Out (201 when issued, 200 for the same Bundle sent "
                    + "again): a Bundle of the Task (status ready, identifiers prescription-id and exchange-code), the "
                    + "MedicationRequests and one DetectedIssue per alert.",
            List.of(in("bundle", "Bundle", 1, "1", "The prescription to issue"),
                    out("Bundle", "The Task, the MedicationRequests and the DetectedIssues")));
    static final TaskOperation ACCEPT = new TaskOperation("accept", "Accept a prescription with the patient's code",
            false, "a pharmacist (the token's pharmacy)",
            "The token's pharmacy takes the prescription the patient's exchange code and birth date name. Out: a "
                    + "Bundle of the Task (in-progress, owner the pharmacy), its MedicationRequests and a "
                    + "DetectedIssue per alert (an OperationOutcome warning where these may not be all). A code and "
                    + "birth date that name no prescription are 404 (one answer for both), another pharmacy holding "
                    + "it 409, too many failed attempts 429.",
            List.of(in(TaskAcceptController.EXCHANGE_CODE, "string", 1, "1", "The code the patient shows"),
                    in(TaskAcceptController.BIRTH_DATE, "date", 1, "1", "The patient's birth date"),
                    out("Bundle", "The Task, its MedicationRequests and a DetectedIssue per alert")));
    static final TaskOperation REJECT = new TaskOperation("reject", "Give a prescription back", true,
            "the holding pharmacy",
            "The holding pharmacy releases the prescription: it is ready again (on a refill use, on-hold until its "
                    + "window), or cancelled if the prescriber asked to cancel meanwhile. Out: the Task.",
            List.of(in(OperationParameters.REASON, "string", 0, "1", "Why it is given back"), ANSWERS_TASK));
    static final TaskOperation DISPENSE = new TaskOperation("dispense", "Record a dispensing", true,
            "the holding pharmacy",
            "Records what the pharmacy handed out: one MedicationDispense per item (status completed, the drug as a "
                    + "YJ code, a generic substitute allowed, quantity, daysSupply in days, authorizingPrescription "
                    + "naming the MedicationRequest by its prescription-line identifier). It completes the use when "
                    + "completes-use is true or every line is dispensed in full. Out: a Bundle of the Task, the "
                    + "MedicationDispenses recorded and a DetectedIssue per alert of the dispensing's check.",
            List.of(DISPENSED,
                    in(DispenseParametersReader.COMPLETES_USE, "boolean", 0, "1", "Whether this completes the use"),
                    ANSWERS_DISPENSED));
    static final TaskOperation CLOSE = new TaskOperation("close", "Record the dispensing that completes the use",
            true, "the holding pharmacy",
            "$dispense with completes-use true: the exchange completes a use by the dispensing that says so, it has "
                    + "no completing step of its own. Out: as $dispense, the Task completed (or on-hold for a refill).",
            List.of(DISPENSED, ANSWERS_DISPENSED));
    static final TaskOperation ABORT = new TaskOperation("abort", "Cancel a prescription", true,
            "a prescriber of the issuing institution",
            "Cancels the prescription; while a pharmacy holds it, this requests the cancellation, which the pharmacy "
                    + "settles by giving it back ($reject, then cancelled) or by completing the use. Out: the Task.",
            List.of(in(OperationParameters.REASON, "string", 1, "1", "Why it is cancelled"), ANSWERS_TASK));

    /** Every operation, in the order the CapabilityStatement lists them. */
    static final List<TaskOperation> ALL = List.of(CREATE, ACCEPT, REJECT, DISPENSE, CLOSE, ABORT);

    /**
     * A call's body, read strictly as the Parameters this operation defines: its in parameters, as its
     * OperationDefinition lists them (not {@link #CREATE}'s, whose body is the Bundle itself).
     */
    OperationParameters read(FhirResources resources, byte[] body, String contentType) {
        Set<String> defined = parameters.stream().filter(parameter -> parameter.use() == OperationParameterUse.IN)
                .map(Parameter::name).collect(Collectors.toSet());
        return OperationParameters.read(resources, body, contentType, "Task/$" + code, defined);
    }

    /** The id of its OperationDefinition, and the last part of the path it is served under. */
    String definitionId() {
        return "Task-" + code;
    }

    String definitionPath() {
        return "/OperationDefinition/" + definitionId();
    }

    String documentation() {
        return title + " (" + who + "): " + description;
    }

    static Optional<TaskOperation> byDefinitionId(String id) {
        return ALL.stream().filter(operation -> operation.definitionId().equals(id)).findFirst();
    }

    OperationDefinition definition(String base) {
        OperationDefinition definition = new OperationDefinition()
                .setUrl(base + definitionPath())
                .setName("Task" + Character.toUpperCase(code.charAt(0)) + code.substring(1))
                .setTitle(title)
                .setStatus(Enumerations.PublicationStatus.ACTIVE)
                .setKind(OperationDefinition.OperationKind.OPERATION)
                .setCode(code)
                .setAffectsState(true)
                .setSystem(false)
                .setType(!instance)
                .setInstance(instance)
                .setDescription(description + " Who: " + who + ".");
        definition.addResource("Task");
        definition.setId(definitionId());
        for (Parameter parameter : parameters) {
            definition.addParameter().setName(parameter.name()).setUse(parameter.use()).setMin(parameter.min())
                    .setMax(parameter.max()).setType(parameter.type()).setDocumentation(parameter.documentation());
        }
        return definition;
    }

    private static Parameter in(String name, String type, int min, String max, String documentation) {
        return new Parameter(name, OperationParameterUse.IN, type, min, max, documentation);
    }

    private static Parameter out(String type, String documentation) {
        return new Parameter("return", OperationParameterUse.OUT, type, 1, "1", documentation);
    }
}
