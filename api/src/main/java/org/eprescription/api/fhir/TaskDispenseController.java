package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.actor.ActingParties;
import org.eprescription.api.actor.Actor;
import org.eprescription.api.pharmacy.DispenseRequest;
import org.eprescription.api.prescription.PrescriptionCommands;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.query.prescription.PrescriptionView;
import org.eprescription.query.prescription.ViewLine;
import org.eprescription.core.ids.PrescriptionId;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Set;
import java.util.UUID;

/**
 * The holding pharmacy dispenses: {@code Task/{id}/$dispense} records a dispensing that completes the use only when
 * it says so ({@code completes-use}), {@code Task/{id}/$close} one that completes it. The exchange has no completing
 * step of its own: a use is completed by the dispensing that says so, as the JSON API's {@code completesUse}.
 */
@RestController
@RequestMapping(FhirPaths.BASE)
@RequiredArgsConstructor
class TaskDispenseController {

    private final TaskOperationCalls calls;
    private final FhirInputs inputs;
    private final DispenseParametersReader reader;
    private final TaskBundleWriter bundles;
    private final ActingParties actingParties;
    private final PrescriptionCommands commands;
    private final ResourceAccess access;

    @PostMapping(FhirPaths.TASK_DISPENSE)
    ResponseEntity<byte[]> dispense(@PathVariable UUID id, @RequestBody(required = false) byte[] body,
                                    HttpServletRequest request) {
        return dispense(TaskOperation.DISPENSE, id, body, request, false);
    }

    @PostMapping(FhirPaths.TASK_CLOSE)
    ResponseEntity<byte[]> close(@PathVariable UUID id, @RequestBody(required = false) byte[] body,
                                 HttpServletRequest request) {
        return dispense(TaskOperation.CLOSE, id, body, request, true);
    }

    private ResponseEntity<byte[]> dispense(TaskOperation operation, UUID id, byte[] body, HttpServletRequest request,
                                            boolean completing) {
        return calls.answer(operation, body, request, (parameters, idempotencyKey) -> {
            PrescriptionId prescriptionId = new PrescriptionId(id);
            DispenseParametersReader.Dispense dispense = reader.read(prescriptionId, parameters, completing);
            // who acts first: a role that may not dispense is 403 whether or not the Task exists
            Actor actor = actingParties.pharmacist(dispense.namedPharmacy(), dispense.namedPharmacist());
            requireTheLinesUnits(prescriptionId, dispense);
            DispenseRequest dispensing = inputs.requireValid(new DispenseRequest(actor.organisationId(),
                    actor.userId(), dispense.items(), dispense.completesUse()));
            return bundles.dispensed(commands.dispense(prescriptionId, dispensing.toCommand(prescriptionId), actor,
                    idempotencyKey));
        });
    }

    /**
     * A quantity is counted in its line's unit: one whose unit or code names another unit (2 boxes of a line of
     * tablets, even with the code "tablet") is refused (422), not counted as 2 tablets. Asked only when a quantity names a unit, of the view the caller may read.
     */
    private void requireTheLinesUnits(PrescriptionId id, DispenseParametersReader.Dispense dispense) {
        if (dispense.namedUnits().stream().allMatch(Set::isEmpty)) {
            return;
        }
        PrescriptionView view = access.readablePrescription(id);
        for (int index = 0; index < dispense.items().size(); index++) {
            Set<String> named = dispense.namedUnits().get(index);
            int lineNumber = dispense.items().get(index).lineNumber();
            String unit = view.lines().stream().filter(line -> line.lineNumber() == lineNumber)
                    .map(ViewLine::unit).findFirst().orElse(null);
            // every unit it names must be the line's: a unit "box" with the code "tablet" is boxes, not tablets
            if (unit != null && !named.stream().allMatch(given -> given.strip().equalsIgnoreCase(unit.strip()))) {
                throw FhirRequestException.invalidLines("MedicationDispense " + (index + 1) + ": quantity is in "
                        + String.join(" / ", new java.util.TreeSet<>(named)) + ", line " + lineNumber
                        + " is prescribed in " + unit + "; send the quantity in the line's unit, as both its unit and "
                        + "its code");
            }
        }
    }
}
