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
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.PrescriptionId;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Set;
import java.util.TreeSet;
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
    private final HandedOutUnit units;

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
            DispenseRequest dispensing = inputs.requireValid(new DispenseRequest(actor.organisationId(),
                    actor.userId(), dispense.items(), dispense.completesUse()));
            requireTheDrugsUnits(prescriptionId, dispense);
            return bundles.dispensed(commands.dispense(prescriptionId, dispensing.toCommand(prescriptionId), actor,
                    idempotencyKey));
        });
    }

    /**
     * A quantity is counted in the unit of the drug handed out: the line's for the prescribed drug, the catalogue's for
     * a substitute (capsules for a line of tablets), as the JSON API's items are. One whose unit or code names another
     * unit (2 boxes of a line of tablets, even with the code "tablet"; capsules given as tablets) is refused (422), not
     * counted as the drug's unit; whether the substitute may go out is then the aggregate's decision. Asked only when a
     * quantity names a unit, of the view the caller may read; a substitute the catalogue does not know is left to the
     * aggregate, which refuses it.
     */
    private void requireTheDrugsUnits(PrescriptionId id, DispenseParametersReader.Dispense dispense) {
        if (dispense.namedUnits().stream().allMatch(Set::isEmpty)) {
            return;
        }
        PrescriptionView view = access.readablePrescription(id);
        for (int index = 0; index < dispense.items().size(); index++) {
            Set<String> named = dispense.namedUnits().get(index);
            DispenseRequest.Item item = dispense.items().get(index);
            ViewLine line = view.lines().stream().filter(candidate -> candidate.lineNumber() == item.lineNumber())
                    .findFirst().orElse(null);
            String unit = line == null ? null : units.of(line.drugCode(), line.unit(), DrugCode.of(item.drugCode()));
            // every unit it names must be the drug's: a unit "box" with the code "tablet" is boxes, not tablets
            if (unit != null && !named.stream().allMatch(given -> given.strip().equalsIgnoreCase(unit.strip()))) {
                throw FhirRequestException.invalidLines("MedicationDispense " + (index + 1) + ": quantity is in "
                        + String.join(" / ", new TreeSet<>(named)) + ", " + item.drugCode() + " for line "
                        + item.lineNumber() + " is counted in " + unit + "; send the quantity in the unit of the drug "
                        + "handed out, as both its unit and its code");
            }
        }
    }
}
