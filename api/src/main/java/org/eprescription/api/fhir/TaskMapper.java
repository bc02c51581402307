package org.eprescription.api.fhir;

import lombok.RequiredArgsConstructor;
import org.eprescription.core.prescription.PrescriptionStatus;
import org.eprescription.query.prescription.PrescriptionView;
import org.eprescription.query.prescription.RefillWindow;
import org.eprescription.query.prescription.ViewLine;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;

/**
 * A prescription as its Task (docs/fhir.md, "The Task"): its id is the prescription's, its version the aggregate's
 * sequence number, its status follows the prescription's, which it also carries as businessStatus.
 */
@Component
@RequiredArgsConstructor
class TaskMapper {

    /** The Task's input naming its current use: 1 for the first, 2 and 3 for refills. */
    static final String CURRENT_USE = "current-use";

    private final FhirSystems systems;
    private final MedicationRequestMapper requests;

    /** The Task of a Bundle: {@code basedOn} is left to the Bundle, which holds the MedicationRequests. */
    Task of(PrescriptionView view, String exchangeCode) {
        Task task = new Task()
                .setStatus(status(view.status()))
                .setIntent(Task.TaskIntent.ORDER)
                .setBusinessStatus(new CodeableConcept().addCoding(new Coding(systems.prescriptionStatus(),
                        view.status().name(), null)))
                .setFor(FhirSystems.identified(systems.patientId(), view.patient().id().value()))
                .setRequester(FhirSystems.identified(systems.practitionerId(), view.prescriber().id().value()))
                .setAuthoredOn(Date.from(view.issuedAt()))
                .setLastModified(Date.from(lastModified(view)));
        task.setId(view.prescriptionId().toString());
        task.getMeta().setVersionId(Long.toString(view.version()));
        task.addIdentifier(new Identifier().setSystem(systems.prescriptionId())
                .setValue(view.prescriptionId().toString()));
        if (exchangeCode != null) {
            task.addIdentifier(new Identifier().setSystem(systems.exchangeCode()).setValue(exchangeCode));
        }
        if (view.pharmacyId() != null) {
            task.setOwner(FhirSystems.identified(systems.pharmacyId(), view.pharmacyId().value()));
        }
        if (view.cancellationRequested()) {
            task.setStatusReason(reason("cancellation-requested", "the issuing institution asked to cancel"));
        } else if (view.status() == PrescriptionStatus.EXPIRED) {
            task.setStatusReason(reason("expired", "not accepted in time"));
        }
        // the uses in all (the first and its refills), and which of them the Task is at
        task.getRestriction().setRepetitions(view.refills() + 1);
        task.addInput().setType(new CodeableConcept().addCoding(new Coding(systems.taskInput(), CURRENT_USE,
                        "the use waited for, held or last dispensed")))
                .setValue(new PositiveIntType(view.currentUse()));
        RefillWindow window = view.refillWindow();
        if (view.status() == PrescriptionStatus.AWAITING_REFILL && window != null) {
            task.getRestriction().setPeriod(new Period()
                    .setStartElement(new DateTimeType(window.opens().toString()))
                    .setEndElement(new DateTimeType(window.closes().toString())));
        }
        return task;
    }

    /** The Task on its own ({@code GET Task/{id}}): it names its MedicationRequests by their identifiers. */
    Task standalone(PrescriptionView view) {
        Task task = of(view, null);
        for (ViewLine line : view.lines()) {
            task.addBasedOn(new Reference().setType("MedicationRequest")
                    .setIdentifier(requests.lineIdentifier(view.prescriptionId(), line.lineNumber())));
        }
        return task;
    }

    /** docs/fhir.md, "The Task": the mapping of the prescription's status. */
    static Task.TaskStatus status(PrescriptionStatus status) {
        return switch (status) {
            case ISSUED -> Task.TaskStatus.READY;
            case ACCEPTED -> Task.TaskStatus.INPROGRESS;
            case AWAITING_REFILL -> Task.TaskStatus.ONHOLD;
            case COMPLETED -> Task.TaskStatus.COMPLETED;
            case CANCELLED, EXPIRED -> Task.TaskStatus.CANCELLED;
        };
    }

    private CodeableConcept reason(String code, String text) {
        return new CodeableConcept().addCoding(new Coding(systems.taskReason(), code, null)).setText(text);
    }

    /**
     * When the view last changed, never before the issue: {@code updatedAt} is the stored event's timestamp and
     * {@code issuedAt} the exchange's clock, two sources that skew apart (another node, a test clock), while FHIR
     * requires a Task's lastModified not to precede its authoredOn.
     */
    private static Instant lastModified(PrescriptionView view) {
        return view.updatedAt().isBefore(view.issuedAt()) ? view.issuedAt() : view.updatedAt();
    }
}
