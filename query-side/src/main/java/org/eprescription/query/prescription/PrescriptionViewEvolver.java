package org.eprescription.query.prescription;

import org.eprescription.core.catalogue.Drug;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.DispensedItem;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.core.prescription.PrescriberDetails;
import org.eprescription.core.prescription.PrescriptionStatus;
import org.eprescription.core.prescription.event.AlertAcknowledged;
import org.eprescription.core.prescription.event.CancellationRequested;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.eprescription.core.prescription.event.PrescriptionAccepted;
import org.eprescription.core.prescription.event.PrescriptionCancelled;
import org.eprescription.core.prescription.event.PrescriptionCompleted;
import org.eprescription.core.prescription.event.PrescriptionDispensed;
import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.eprescription.core.prescription.event.PrescriptionExpired;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.eprescription.core.prescription.event.PrescriptionReleased;
import org.eprescription.core.prescription.event.RefillScheduled;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The prescription view as a pure function of its events: {@code evolve(view, event) -> view}. No database, no
 * clock, no Axon: the projection loads, calls this and saves, and a replay through it gives the same rows.
 *
 * <p>Each transition mirrors the event sourcing handler of the {@code Prescription} aggregate for the same event,
 * so the view's status, holder and current use agree with what the aggregate decides on.
 *
 * <p>Instants that go to {@code timestamptz} columns are cut to microseconds, PostgreSQL's precision, so that a view
 * pushed live equals the same view read back later.
 */
public final class PrescriptionViewEvolver {

    private final DrugCatalogue catalogue;

    public PrescriptionViewEvolver(DrugCatalogue catalogue) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    }

    /**
     * Answers the view after {@code event}.
     *
     * @param current   the view before the event, null if the prescription has no view yet
     * @param event     the event, one of the {@code Prescription} aggregate's
     * @param sequence  the event's sequence number in its aggregate; becomes the view's version
     * @param timestamp when the event was stored; becomes the view's {@code updatedAt}
     * @return the new view; {@code current} itself (same instance) when the event is already applied, that is its
     * sequence number is at or below the view's version
     * @throws IllegalStateException    if the event needs a view and there is none (or the reverse)
     * @throws IllegalArgumentException for an event this view does not know
     */
    public PrescriptionView evolve(PrescriptionView current, PrescriptionEvent event, long sequence, Instant timestamp) {
        return evolve(current, event, sequence, timestamp, -1);
    }

    /**
     * As {@link #evolve(PrescriptionView, PrescriptionEvent, long, Instant)}, recording {@code position}, the event's
     * global position in the event store, as the view's {@code lastPosition}.
     */
    public PrescriptionView evolve(PrescriptionView current, PrescriptionEvent event, long sequence, Instant timestamp,
                                   long position) {
        Objects.requireNonNull(event, "event");
        if (current != null && sequence <= current.version()) {
            return current;
        }
        if (event instanceof PrescriptionIssued issued) {
            if (current != null) {
                throw new IllegalStateException("prescription " + issued.prescriptionId() + " already has a view at version "
                        + current.version() + ", cannot be issued again at " + sequence);
            }
            return issued(issued, sequence, timestamp, position);
        }
        if (current == null) {
            throw new IllegalStateException("no view of prescription " + event.prescriptionId() + " for "
                    + event.getClass().getSimpleName() + " at sequence " + sequence + " (PrescriptionIssued missing)");
        }
        if (!current.prescriptionId().equals(event.prescriptionId())) {
            throw new IllegalArgumentException("event for " + event.prescriptionId() + " applied to the view of "
                    + current.prescriptionId());
        }
        Draft draft = new Draft(current);
        draft.lastPosition = position;
        if (event instanceof PrescriptionAccepted accepted) {
            draft.status = PrescriptionStatus.ACCEPTED;
            draft.pharmacyId = accepted.pharmacyId();
            draft.heldSince = micros(accepted.acceptedAt() != null ? accepted.acceptedAt() : timestamp);
        } else if (event instanceof PrescriptionReleased) {
            draft.status = draft.currentUse == 1 ? PrescriptionStatus.ISSUED : PrescriptionStatus.AWAITING_REFILL;
            draft.pharmacyId = null;
        } else if (event instanceof PrescriptionDispensed dispensed) {
            dispense(draft, dispensed);
        } else if (event instanceof RefillScheduled refill) {
            draft.status = PrescriptionStatus.AWAITING_REFILL;
            draft.currentUse = refill.use();
            draft.pharmacyId = null;
            draft.lines = resetDispensed(draft.lines);
            draft.refillWindow = new RefillWindow(refill.use(), refill.plannedDate(), refill.windowOpens(),
                    refill.windowCloses());
        } else if (event instanceof PrescriptionCompleted) {
            draft.status = PrescriptionStatus.COMPLETED;
            draft.pharmacyId = null;
            draft.refillWindow = null;
        } else if (event instanceof CancellationRequested requested) {
            draft.cancellationRequested = true;
            draft.cancellationRequest = CancellationRequest.pending(
                    micros(requested.requestedAt() != null ? requested.requestedAt() : timestamp));
        } else if (event instanceof PrescriptionCancelled cancelled) {
            draft.status = PrescriptionStatus.CANCELLED;
            draft.cancellationRequested = false;
            if (draft.cancellationRequest != null && draft.cancellationRequest.isPending()) {
                draft.cancellationRequest = draft.cancellationRequest.settled(CancellationRequest.Outcome.CANCELLED,
                        micros(cancelled.cancelledAt() != null ? cancelled.cancelledAt() : timestamp));
            }
            draft.pharmacyId = null;
            draft.refillWindow = null;
        } else if (event instanceof PrescriptionExpired) {
            draft.status = PrescriptionStatus.EXPIRED;
            draft.pharmacyId = null;
            draft.refillWindow = null;
        } else if (event instanceof AlertAcknowledged || event instanceof InteractionCheckCompleted) {
            // nothing of the view changes: alerts have their own view; only the version moves on
            draft.version = sequence;
            return draft.toView();
        } else {
            throw new IllegalArgumentException("the prescription view does not know " + event.getClass().getName());
        }
        if (draft.pharmacyId == null) {
            draft.heldSince = null;
        }
        draft.version = sequence;
        draft.updatedAt = micros(timestamp);
        return draft.toView();
    }

    /** Uses not yet completed, counting the current one; none once the prescription is final. */
    static int usesLeft(PrescriptionStatus status, int refills, int currentUse) {
        return status.isFinal() ? 0 : 1 + refills - (currentUse - 1);
    }

    private PrescriptionView issued(PrescriptionIssued event, long sequence, Instant timestamp, long position) {
        List<ViewLine> lines = event.lines().stream()
                .map(line -> {
                    Optional<Drug> drug = line.drugCode() == null ? Optional.empty() : catalogue.find(line.drugCode());
                    return new ViewLine(line.lineNumber(), line.drugCode(), drug.map(Drug::name).orElse(null),
                            drug.map(Drug::nameJa).orElse(null), line.quantity(), line.unit(), line.dosage(),
                            line.days(), BigDecimal.ZERO, line.asNeeded());
                })
                .toList();
        return new PrescriptionView(event.prescriptionId(), PrescriptionStatus.ISSUED, event.patient(),
                event.prescriber(), lines, event.refills(), usesLeft(PrescriptionStatus.ISSUED, event.refills(), 1), 1,
                event.validUntil(), null, false, null, null, List.of(), micros(event.issuedAt()), event.issuedOn(),
                micros(timestamp),
                sequence, null, null, position);
    }

    private void dispense(Draft draft, PrescriptionDispensed event) {
        if (event.completesUse()) {
            draft.cancellationRequested = false;
            if (draft.cancellationRequest != null && draft.cancellationRequest.isPending()) {
                draft.cancellationRequest = draft.cancellationRequest.settled(CancellationRequest.Outcome.LAPSED,
                        micros(event.dispensedAt()));
            }
        }
        Map<Integer, BigDecimal> added = new HashMap<>();
        if (event.countedAsPrescribed() != null) {
            event.countedAsPrescribed().forEach(counted -> added.put(counted.lineNumber(), counted.quantity()));
        } else {
            Map<Integer, DrugCode> prescribed = new HashMap<>();
            draft.lines.forEach(line -> prescribed.put(line.lineNumber(), line.drugCode()));
            event.items().forEach(item -> added.merge(item.lineNumber(),
                    inPrescribedUnits(prescribed.get(item.lineNumber()), item), BigDecimal::add));
        }
        draft.lines = draft.lines.stream()
                .map(line -> {
                    BigDecimal more = added.get(line.lineNumber());
                    return more == null ? line : line.withDispensed(line.dispensedQuantity().add(more));
                })
                .toList();
        List<Dispensing> dispensings = new ArrayList<>(draft.dispensings);
        dispensings.add(new Dispensing(event.use(), event.pharmacyId(), event.pharmacistId(),
                List.<DispensedItem>copyOf(event.items()), event.completesUse(), event.dispensedAt(),
                event.dispensedOn()));
        draft.dispensings = dispensings;
        draft.lastDispensedAt = micros(event.dispensedAt());
    }

    /**
     * A substitute of another strength counts as the units of the prescribed drug that give the same dose: worked out
     * here only for dispensings recorded before the event said it (PrescriptionDispensed revision 1).
     */
    private BigDecimal inPrescribedUnits(DrugCode prescribed, DispensedItem item) {
        if (prescribed == null || item.drugCode() == null || item.drugCode().equals(prescribed)) {
            return item.quantity();
        }
        return catalogue.find(prescribed)
                .flatMap(drug -> catalogue.find(item.drugCode())
                        .flatMap(substitute -> drug.unitsDelivering(item.quantity(), substitute)))
                .orElse(item.quantity());
    }

    private static List<ViewLine> resetDispensed(List<ViewLine> lines) {
        return lines.stream().map(line -> line.withDispensed(BigDecimal.ZERO)).toList();
    }

    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** The view's fields while an event changes some of them. */
    private static final class Draft {
        final PrescriptionId prescriptionId;
        PrescriptionStatus status;
        final PatientDetails patient;
        final PrescriberDetails prescriber;
        List<ViewLine> lines;
        final int refills;
        int currentUse;
        final LocalDate validUntil;
        PharmacyId pharmacyId;
        boolean cancellationRequested;
        CancellationRequest cancellationRequest;
        RefillWindow refillWindow;
        List<Dispensing> dispensings;
        final Instant issuedAt;
        final LocalDate issuedOn;
        Instant updatedAt;
        long version;
        Instant heldSince;
        Instant lastDispensedAt;
        long lastPosition;

        Draft(PrescriptionView view) {
            prescriptionId = view.prescriptionId();
            status = view.status();
            patient = view.patient();
            prescriber = view.prescriber();
            lines = view.lines();
            refills = view.refills();
            currentUse = view.currentUse();
            validUntil = view.validUntil();
            pharmacyId = view.pharmacyId();
            cancellationRequested = view.cancellationRequested();
            cancellationRequest = view.cancellationRequest();
            refillWindow = view.refillWindow();
            dispensings = view.dispensings();
            issuedAt = view.issuedAt();
            issuedOn = view.issuedOn();
            updatedAt = view.updatedAt();
            version = view.version();
            heldSince = view.heldSince();
            lastDispensedAt = view.lastDispensedAt();
            lastPosition = view.lastPosition();
        }

        PrescriptionView toView() {
            return new PrescriptionView(prescriptionId, status, patient, prescriber, lines, refills,
                    usesLeft(status, refills, currentUse), currentUse, validUntil, pharmacyId, cancellationRequested,
                    cancellationRequest, refillWindow, dispensings, issuedAt, issuedOn, updatedAt, version,
                    heldSince,
                    lastDispensedAt, lastPosition);
        }
    }
}
