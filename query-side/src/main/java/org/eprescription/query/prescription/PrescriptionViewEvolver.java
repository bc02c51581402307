package org.eprescription.query.prescription;

import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.catalogue.DrugDescriptions;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.DispensedItem;
import org.eprescription.core.prescription.LineQuantity;
import org.eprescription.core.prescription.PrescribedLine;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.core.prescription.PrescriberDetails;
import org.eprescription.core.prescription.PrescriptionStatus;
import org.eprescription.core.prescription.event.AlertAcknowledged;
import org.eprescription.core.prescription.event.CancellationRequested;
import org.eprescription.core.prescription.event.DispensingCorrected;
import org.eprescription.core.prescription.event.DispensingWithdrawn;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.eprescription.core.prescription.event.PrescriberQueried;
import org.eprescription.core.prescription.event.PrescriptionAccepted;
import org.eprescription.core.prescription.event.PrescriptionAmended;
import org.eprescription.core.prescription.event.PrescriptionCancelled;
import org.eprescription.core.prescription.event.PrescriptionCompleted;
import org.eprescription.core.prescription.event.PrescriptionDispensed;
import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.eprescription.core.prescription.event.PrescriptionExpired;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.eprescription.core.prescription.event.PrescriptionReleased;
import org.eprescription.core.prescription.event.QueryAnswered;
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
            draft.refillWindow = new RefillWindow(refill.use(), refill.plannedDate(), opens(draft, refill),
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
            Instant cancelledAt = micros(cancelled.cancelledAt() != null ? cancelled.cancelledAt() : timestamp);
            // a dispensing that completed a use with uses left ends a pending request by cancelling right after it,
            // in the same command (docs/domain.md, "Lifecycle"): the request did not lapse
            if (draft.cancellationRequest != null && (draft.cancellationRequest.isPending()
                    || draft.cancellationRequest.lapsedAt(cancelledAt))) {
                draft.cancellationRequest = draft.cancellationRequest.settled(CancellationRequest.Outcome.CANCELLED,
                        cancelledAt);
            }
            draft.pharmacyId = null;
            draft.refillWindow = null;
        } else if (event instanceof PrescriptionExpired) {
            draft.status = PrescriptionStatus.EXPIRED;
            draft.pharmacyId = null;
            draft.refillWindow = null;
        } else if (event instanceof DispensingCorrected corrected) {
            correct(draft, corrected);
        } else if (event instanceof DispensingWithdrawn withdrawn) {
            withdraw(draft, withdrawn);
        } else if (event instanceof PrescriberQueried queried) {
            List<PrescriberQuery> queries = new ArrayList<>(draft.queries);
            queries.add(new PrescriberQuery(queried.queryId(), queried.use(), queried.pharmacyId(),
                    queried.pharmacistId(), queried.question(), queried.proposedLines(), micros(queried.queriedAt()),
                    PrescriberQuery.Status.OPEN, null, null, null, null));
            draft.queries = queries;
        } else if (event instanceof QueryAnswered answered) {
            draft.queries = draft.queries.stream()
                    .map(query -> !query.queryId().equals(answered.queryId()) ? query : new PrescriberQuery(
                            query.queryId(), query.use(), query.pharmacyId(), query.pharmacistId(), query.question(),
                            query.proposedLines(), query.askedAt(), PrescriberQuery.Status.ANSWERED,
                            answered.answer(), answered.changeAccepted(), answered.prescriberId(),
                            micros(answered.answeredAt())))
                    .toList();
        } else if (event instanceof PrescriptionAmended amended) {
            draft.dispensings = keepingLinesOfCompletedUses(draft);
            draft.lines = amendedLines(draft.lines, amended.lines(), amended.drugs());
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
                .map(line -> ViewLine.named(line.lineNumber(), line.drugCode(), event.drugs(), catalogue,
                        line.quantity(), line.unit(), line.dosage(), line.days(), BigDecimal.ZERO, line.asNeeded()))
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
        Map<Integer, BigDecimal> added = counted(draft, event.items(), event.countedAsPrescribed());
        draft.lines = draft.lines.stream()
                .map(line -> {
                    BigDecimal more = added.get(line.lineNumber());
                    return more == null ? line : line.withDispensed(line.dispensedQuantity().add(more));
                })
                .toList();
        List<Dispensing> dispensings = new ArrayList<>(draft.dispensings);
        dispensings.add(new Dispensing(dispensings.size() + 1, event.use(), event.pharmacyId(), event.pharmacistId(),
                List.<DispensedItem>copyOf(event.items()), event.completesUse(), event.dispensedAt(),
                event.dispensedOn(), Dispensing.Status.RECORDED, List.of(), event.countedAsPrescribed()));
        draft.dispensings = dispensings;
        draft.lastDispensedAt = micros(event.dispensedAt());
    }

    /**
     * The dispensing's items become the corrected ones; what the current use dispensed follows. A correction that
     * completes the use settles a pending cancellation request as a completing dispensing does.
     */
    private void correct(Draft draft, DispensingCorrected event) {
        Dispensing before = draft.dispensings.get(event.sequence() - 1);
        if (event.completesUse() && !before.completesUse()) {
            draft.cancellationRequested = false;
            if (draft.cancellationRequest != null && draft.cancellationRequest.isPending()) {
                draft.cancellationRequest = draft.cancellationRequest.settled(CancellationRequest.Outcome.LAPSED,
                        micros(event.correctedAt()));
            }
        }
        replaceDispensing(draft, before, new Dispensing(before.sequence(), before.use(), before.pharmacyId(),
                before.pharmacistId(), event.items(), before.completesUse() || event.completesUse(),
                before.dispensedAt(), before.dispensedOn(), Dispensing.Status.CORRECTED,
                withCorrection(before, new Dispensing.Correction(Dispensing.Status.CORRECTED, event.pharmacistId(),
                        event.reason(), micros(event.correctedAt()), before.items())), event.countedAsPrescribed(),
                before.linesOfUse()));
    }

    /** The dispensing stays in the list, marked withdrawn; it no longer counts for the current use. */
    private void withdraw(Draft draft, DispensingWithdrawn event) {
        Dispensing before = draft.dispensings.get(event.sequence() - 1);
        replaceDispensing(draft, before, new Dispensing(before.sequence(), before.use(), before.pharmacyId(),
                before.pharmacistId(), before.items(), before.completesUse(), before.dispensedAt(),
                before.dispensedOn(), Dispensing.Status.WITHDRAWN,
                withCorrection(before, new Dispensing.Correction(Dispensing.Status.WITHDRAWN, event.pharmacistId(),
                        event.reason(), micros(event.withdrawnAt()), before.items())), before.countedAsPrescribed(),
                before.linesOfUse()));
    }

    private static List<Dispensing.Correction> withCorrection(Dispensing dispensing, Dispensing.Correction correction) {
        List<Dispensing.Correction> corrections = new ArrayList<>(dispensing.corrections());
        corrections.add(correction);
        return corrections;
    }

    private void replaceDispensing(Draft draft, Dispensing before, Dispensing after) {
        List<Dispensing> dispensings = new ArrayList<>(draft.dispensings);
        dispensings.set(before.sequence() - 1, after);
        draft.dispensings = dispensings;
        if (before.use() != draft.currentUse) {
            return;
        }
        Map<Integer, BigDecimal> change = new HashMap<>();
        if (!before.withdrawn()) {
            counted(draft, before.items(), before.countedAsPrescribed())
                    .forEach((line, quantity) -> change.merge(line, quantity.negate(), BigDecimal::add));
        }
        if (!after.withdrawn()) {
            counted(draft, after.items(), after.countedAsPrescribed())
                    .forEach((line, quantity) -> change.merge(line, quantity, BigDecimal::add));
        }
        draft.lines = draft.lines.stream()
                .map(line -> {
                    BigDecimal delta = change.get(line.lineNumber());
                    return delta == null ? line : line.withDispensed(line.dispensedQuantity().add(delta));
                })
                .toList();
    }

    /**
     * How much of each line's prescribed drug {@code items} count as: as the event recorded it, or, for dispensings
     * recorded before events said it (PrescriptionDispensed revision 1), worked out from the catalogue.
     */
    private Map<Integer, BigDecimal> counted(Draft draft, List<DispensedItem> items, List<LineQuantity> recorded) {
        Map<Integer, BigDecimal> counted = new HashMap<>();
        if (recorded != null) {
            recorded.forEach(quantity -> counted.put(quantity.lineNumber(), quantity.quantity()));
            return counted;
        }
        Map<Integer, DrugCode> prescribed = new HashMap<>();
        draft.lines.forEach(line -> prescribed.put(line.lineNumber(), line.drugCode()));
        items.forEach(item -> counted.merge(item.lineNumber(),
                inPrescribedUnits(prescribed.get(item.lineNumber()), item), BigDecimal::add));
        return counted;
    }

    /**
     * When the refill window opens, as the aggregate lets a pharmacy accept it: never before the day after the previous
     * use was completed (the day of the dispensing that completed it). Windows recorded before that rule may open on
     * that day itself; the view shows the day the exchange accepts, not the day recorded then.
     */
    private static LocalDate opens(Draft draft, RefillScheduled refill) {
        LocalDate dayAfterCompletion = draft.dispensings.stream()
                .filter(dispensing -> dispensing.use() == refill.use() - 1 && dispensing.completesUse()
                        && dispensing.status() != Dispensing.Status.WITHDRAWN && dispensing.dispensedOn() != null)
                .reduce((first, second) -> second)
                .map(completing -> completing.dispensedOn().plusDays(1))
                .orElse(refill.windowOpens());
        return refill.windowOpens().isBefore(dayAfterCompletion) ? dayAfterCompletion : refill.windowOpens();
    }

    /**
     * Before an amendment: the dispensings of the uses completed before it keep the lines they were dispensed under,
     * as the aggregate does (an amendment changes the current use and the later ones, never a completed one).
     */
    private static List<Dispensing> keepingLinesOfCompletedUses(Draft draft) {
        List<PrescribedLine> before = draft.lines.stream().map(ViewLine::prescribed).toList();
        return draft.dispensings.stream()
                .map(dispensing -> dispensing.use() < draft.currentUse ? dispensing.dispensedUnder(before) : dispensing)
                .toList();
    }

    /** The amended lines; an unchanged line keeps what the current use dispensed against it (a changed one had none). */
    private List<ViewLine> amendedLines(List<ViewLine> current, List<PrescribedLine> amended,
                                        DrugDescriptions recorded) {
        Map<Integer, ViewLine> byNumber = new HashMap<>();
        current.forEach(line -> byNumber.put(line.lineNumber(), line));
        return amended.stream()
                .map(line -> {
                    ViewLine before = byNumber.get(line.lineNumber());
                    boolean unchanged = before != null && before.drugCode().equals(line.drugCode())
                            && before.quantity().compareTo(line.quantity()) == 0
                            && Objects.equals(before.unit(), line.unit())
                            && Objects.equals(before.dosage(), line.dosage()) && before.days() == line.days()
                            && before.asNeeded() == line.asNeeded();
                    return ViewLine.named(line.lineNumber(), line.drugCode(), recorded, catalogue, line.quantity(),
                            line.unit(), line.dosage(), line.days(),
                            unchanged ? before.dispensedQuantity() : BigDecimal.ZERO, line.asNeeded());
                })
                .toList();
    }

    /** For dispensings recorded before events said it: a substitute of another strength counts as the units of the
     * prescribed drug that give the same dose, by the catalogue of today. */
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
        List<PrescriberQuery> queries;

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
            queries = view.queries();
        }

        PrescriptionView toView() {
            return new PrescriptionView(prescriptionId, status, patient, prescriber, lines, refills,
                    usesLeft(status, refills, currentUse), currentUse, validUntil, pharmacyId, cancellationRequested,
                    cancellationRequest, refillWindow, dispensings, issuedAt, issuedOn, updatedAt, version,
                    heldSince,
                    lastDispensedAt, lastPosition, queries, 0);
        }
    }
}
