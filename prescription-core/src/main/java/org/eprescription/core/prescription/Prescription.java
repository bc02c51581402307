package org.eprescription.core.prescription;

import org.eprescription.core.ids.Party;
import org.eprescription.core.refusal.Refusal;
import org.eprescription.core.refusal.PrescriptionRefusedException;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.eprescription.core.catalogue.Drug;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.catalogue.DrugDescription;
import org.eprescription.core.catalogue.DrugDescriptions;
import org.eprescription.core.code.CodeDerivation;
import org.eprescription.core.code.ExchangeCodes;
import org.eprescription.core.code.LiveExchangeCodes;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.ids.QueryId;
import org.eprescription.core.interaction.CheckResult;
import org.eprescription.core.interaction.CheckTrigger;
import org.eprescription.core.interaction.ConflictIds;
import org.eprescription.core.interaction.CoursePeriod;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.interaction.InteractionChecker;
import org.eprescription.core.interaction.RecordedAlert;
import org.eprescription.core.interaction.RecordedConflict;
import org.eprescription.core.interaction.RecordedCourse;
import org.eprescription.core.prescription.command.AcceptPrescription;
import org.eprescription.core.prescription.command.AcknowledgeAlert;
import org.eprescription.core.prescription.command.AnswerQuery;
import org.eprescription.core.prescription.command.CancelPrescription;
import org.eprescription.core.prescription.command.CorrectDispensing;
import org.eprescription.core.prescription.command.DispensePrescription;
import org.eprescription.core.prescription.command.ExpirePrescription;
import org.eprescription.core.prescription.command.IssuePrescription;
import org.eprescription.core.prescription.command.QueryPrescriber;
import org.eprescription.core.prescription.command.ReleasePrescription;
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
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The prescription and its lifecycle (docs/domain.md, "Lifecycle"). Command handlers check the rules and apply events;
 * only the event sourcing handlers change state. Every handler answers the aggregate's version after it ran, so that
 * a caller can wait for the views to reach it; issue and dispensing answer it with the interaction check they recorded
 * ({@link CommandOutcome}, docs/alerts.md).
 */
public class Prescription {

    public static final int MAX_LINES = 10;
    public static final int MAX_REFILLS = 2;
    public static final int MAX_DAYS = 365;
    public static final int DEFAULT_VALIDITY_DAYS = 3;
    public static final int REFILL_WINDOW_DAYS = 7;

    @AggregateIdentifier
    private PrescriptionId prescriptionId;
    private PrescriptionStatus status;
    private PatientDetails patient;
    private PrescriberDetails prescriber;
    private Map<Integer, PrescribedLine> lines;
    /** The lines of uses completed before an amendment, by use; a use not here was dispensed under {@link #lines}. */
    private final Map<Integer, Map<Integer, PrescribedLine>> linesOfCompletedUses = new HashMap<>();
    private int refills;
    private LocalDate validUntil;
    private String exchangeCodeHash;
    private CodeDerivation exchangeCode;
    private List<AlertAcknowledgement> acknowledgedAtIssue;
    private int currentUse;
    private PharmacyId holdingPharmacy;
    private CancellationRequested pendingCancellation;
    /**
     * The prescriber's cancellation was decided: the prescription cancelled, or a use completed while it was
     * requested. From then on a correction may lower or fix what a dispensing handed out, never raise it.
     */
    private boolean supplyStoppedByCancellation;
    private LocalDate refillWindowOpens;
    private LocalDate refillWindowCloses;
    private final Set<PharmacyId> involvedPharmacies = new HashSet<>();
    /** The current use's course of each line, as the last check recorded it. */
    private final Map<Integer, RecordedCourse> coursesOfUse = new HashMap<>();
    /** The conflicting courses each alert of this prescription has named so far. */
    private final Map<AlertId, Set<String>> conflictsRecorded = new HashMap<>();
    private InteractionCheckCompleted issueCheck;
    /** What the issue's acknowledgements covered, for an answer to a retried issue. */
    private final List<AlertAcknowledged> acknowledgedOnIssue = new ArrayList<>();
    /** The lines as issued: a retried issue is compared with them, whatever amendments followed. */
    private List<PrescribedLine> issuedLines;
    /** The day the current use's planned courses start: the issue day, then each refill's planned day. */
    private LocalDate plannedStartOfUse;
    /** Every dispensing as corrections left it, by its number (docs/domain.md, "Correcting a dispensing"). */
    private final DispensingRecords dispensings = new DispensingRecords();
    /** Pharmacists' queries not answered yet, and those answered. */
    private final Map<QueryId, PrescriberQueried> openQueries = new HashMap<>();
    private final Set<QueryId> answeredQueries = new HashSet<>();
    /** Every query asked, answered or not, by its id: the id names that query for good. */
    private final Map<QueryId, PrescriberQueried> queries = new HashMap<>();
    /** The line of each alert this prescription raised. */
    private final Map<AlertId, Integer> alertLines = new HashMap<>();
    /**
     * Every course of this prescription, of every use, as the checks recorded it last and a cancellation or expiry
     * left it (its planned courses stopped), by course key: what the view resolves this prescription's alerts by.
     */
    private final Map<String, RecordedCourse> ownCourses = new HashMap<>();
    /** How this prescription's events described each drug they named (docs/architecture.md, "Reference data"). */
    private final Map<DrugCode, DrugDescription> described = new HashMap<>();
    /**
     * How the issue and the amendments described the drugs of the lines: what an amendment records again for a line it
     * leaves as it was, whatever a dispensing or a later catalogue has described since.
     */
    private final Map<DrugCode, DrugDescription> prescribedAs = new HashMap<>();

    protected Prescription() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public CommandOutcome handle(IssuePrescription command, DrugCatalogue catalogue, ExchangeCodes exchangeCodes,
                                 LiveExchangeCodes liveCodes, ValidUntilHorizon horizon, InteractionChecker checker,
                                 Clock clock) {
        if (prescriptionId != null) {
            return answerRetriedIssue(command);
        }
        Instant now = clock.instant();
        LocalDate today = dayOf(now, clock);
        IssueRules.check(command, catalogue, horizon, today);
        LocalDate effectiveValidUntil = command.validUntil() != null
                ? command.validUntil()
                : today.plusDays(DEFAULT_VALIDITY_DAYS);
        CodeDerivation code = freeCode(command.prescriptionId(), exchangeCodes, liveCodes);
        apply(new PrescriptionIssued(command.prescriptionId(), command.patient(), command.prescriber(),
                command.lines(), command.refills(), effectiveValidUntil,
                exchangeCodes.hashFor(command.prescriptionId(), code.keyId(), code.attempt()), code.keyId(),
                code.attempt(), command.acknowledgedAlerts(), now, today,
                DrugDescriptions.of(command.lines().stream().map(PrescribedLine::drugCode).toList(), catalogue)),
                patientMetaData(command.patient()));
        if (checker.enabled()) {
            List<RecordedCourse> planned = plannedCourses(1, today, catalogue);
            InteractionCheckCompleted check = recordCheck(checker, CheckTrigger.ISSUE, planned,
                    checker.check(prescriptionId, patient.id(), prescriber.institutionId(), prescriber.id(), planned,
                            true), now);
            acknowledgeOnIssue(command.acknowledgedAlerts(), check, now);
        }
        return new CommandOutcome(version(), issueCheck, exchangeCode, acknowledgedOnIssue);
    }

    /**
     * The first derivation (current key, attempt 0, 1, ...) whose code no live prescription holds under any key: a
     * pharmacy types only the digits, so the same digits under another key would be just as ambiguous.
     */
    private static CodeDerivation freeCode(PrescriptionId id, ExchangeCodes exchangeCodes,
                                           LiveExchangeCodes liveCodes) {
        for (int attempt = 0; attempt < ExchangeCodes.MAX_ATTEMPTS; attempt++) {
            String code = exchangeCodes.codeFor(id, exchangeCodes.keyId(), attempt);
            if (!liveCodes.anyHeld(exchangeCodes.hashesOf(code))) {
                return new CodeDerivation(exchangeCodes.keyId(), attempt);
            }
        }
        throw new IllegalStateException("no free exchange code after " + ExchangeCodes.MAX_ATTEMPTS + " derivations");
    }

    /**
     * The prescriber acknowledged on the draft what its check found: each of those alerts the issue's check raised is
     * acknowledged for the conflicts the draft showed (all it has now when the acknowledgement does not say). A
     * conflict the draft did not show stays unacknowledged.
     */
    private void acknowledgeOnIssue(List<AlertAcknowledgement> acknowledged, InteractionCheckCompleted check,
                                    Instant now) {
        Party party = Party.prescriber(prescriber.id(), prescriber.institutionId());
        for (AlertAcknowledgement acknowledgement : acknowledged) {
            check.alerts().stream()
                    .filter(alert -> alert.alertId().equals(acknowledgement.alertId()))
                    .findFirst()
                    .map(alert -> covered(alert.alertId(), keysOf(alert), acknowledgement.conflictIds()))
                    .filter(covered -> !covered.isEmpty())
                    .ifPresent(covered -> apply(new AlertAcknowledged(prescriptionId, acknowledgement.alertId(),
                            acknowledgement.reason(), party, now, covered), patientMetaData(patient)));
        }
    }

    private static Set<String> keysOf(RecordedAlert alert) {
        Set<String> keys = new LinkedHashSet<>();
        alert.conflicts().forEach(conflict -> keys.add(conflict.courseKey()));
        return keys;
    }

    /** Of an alert's conflicts (by course key), the ids of those the acknowledger saw; all when it does not say. */
    private static List<String> covered(AlertId alertId, Set<String> courseKeys, List<String> seen) {
        return courseKeys.stream()
                .map(key -> ConflictIds.of(alertId, key))
                .filter(id -> seen == null || seen.contains(id))
                .toList();
    }

    private CommandOutcome answerRetriedIssue(IssuePrescription command) {
        boolean sameRequest = command.patient().equals(patient)
                && command.prescriber().equals(prescriber)
                && command.lines().equals(issuedLines)
                && command.refills() == refills
                && (command.validUntil() == null || command.validUntil().equals(validUntil))
                && command.acknowledgedAlerts().equals(acknowledgedAtIssue);
        if (!sameRequest) {
            throw refused(Refusal.DIFFERENT_ISSUE_UNDER_SAME_ID,
                    "prescription " + prescriptionId + " was already issued with different content");
        }
        return new CommandOutcome(version(), issueCheck, exchangeCode, acknowledgedOnIssue);
    }

    @CommandHandler
    public long handle(AcceptPrescription command, Clock clock) {
        if (!exchangeCodeHash.equals(command.exchangeCodeHash())
                || !patient.birthDate().equals(command.patientBirthDate())) {
            throw PrescriptionRefusedException.unknownExchangeCode();
        }
        Instant now = clock.instant();
        LocalDate today = dayOf(now, clock);
        switch (status) {
            case ACCEPTED -> {
                if (holdingPharmacy.equals(command.pharmacyId())) {
                    return version();
                }
                throw refused(Refusal.HELD_BY_ANOTHER_PHARMACY, "the prescription is held by another pharmacy");
            }
            case ISSUED -> {
                if (today.isAfter(validUntil)) {
                    throw refused(Refusal.NOT_ACCEPTABLE_NOW, "the prescription expired after " + validUntil);
                }
            }
            case AWAITING_REFILL -> {
                if (today.isBefore(refillWindowOpens)) {
                    throw refused(Refusal.REFILL_WINDOW_NOT_OPEN,
                            "refill use " + currentUse + " can be accepted from " + refillWindowOpens);
                }
                if (today.isAfter(refillWindowCloses)) {
                    throw refused(Refusal.NOT_ACCEPTABLE_NOW,
                            "the refill window closed after " + refillWindowCloses);
                }
            }
            default -> throw refused(Refusal.NOT_ACCEPTABLE_NOW, "the prescription is " + status);
        }
        apply(new PrescriptionAccepted(prescriptionId, command.pharmacyId(), command.pharmacistId(), currentUse,
                now), patientMetaData(patient));
        return version();
    }

    @CommandHandler
    public long handle(ReleasePrescription command, Clock clock) {
        requireHeldBy(command.pharmacyId());
        Instant now = clock.instant();
        apply(new PrescriptionReleased(prescriptionId, command.pharmacyId(), currentUse, command.reason(), now),
                patientMetaData(patient));
        if (pendingCancellation != null) {
            apply(new PrescriptionCancelled(prescriptionId, pendingCancellation.institutionId(),
                    pendingCancellation.prescriberId(), pendingCancellation.reason(), now), patientMetaData(patient));
        }
        return version();
    }

    @CommandHandler
    public CommandOutcome handle(DispensePrescription command, DrugCatalogue catalogue, InteractionChecker checker,
                                 Clock clock) {
        requireHeldBy(command.pharmacyId());
        boolean everyLineComplete = DispenseRules.check(command.items(), lines,
                dispensings.countedIn(currentUse, 0, lines, catalogue), catalogue);
        List<SubstituteSupply> substitutes = SubstituteRules.check(command.items(), lines, refills,
                dispensings.countingIn(currentUse, 0), catalogue);
        boolean completesUse = command.completesUse() || everyLineComplete;
        Instant now = clock.instant();
        LocalDate today = dayOf(now, clock);
        int use = currentUse;
        CancellationRequested stopAfterUse = completesUse ? cancellationEndingWithUse() : null;
        apply(new PrescriptionDispensed(prescriptionId, command.pharmacyId(), command.pharmacistId(), currentUse,
                command.items(), completesUse, now, today, countedAsPrescribed(command.items(), lines, catalogue),
                substitutes,
                DrugDescriptions.of(command.items().stream().map(DispensedItem::drugCode).toList(), catalogue),
                courseDays(lines)), patientMetaData(patient));
        List<RecordedCourse> dispensed = checker.enabled() ? dispensedCourses(command, use, catalogue) : List.of();
        List<RecordedCourse> undispensed = completesUse ? undispensedCourses(dispensed) : List.of();
        List<RecordedCourse> nextUse = completesUse && stopAfterUse == null
                ? completeUse(today, now, catalogue, checker) : List.of();
        InteractionCheckCompleted check = checker.enabled()
                ? checkDispensed(checker, CheckTrigger.DISPENSING, dispensed, dispensed, undispensed, nextUse, now)
                .check() : null;
        cancelAfterUse(stopAfterUse, now);
        return new CommandOutcome(version(), check);
    }

    /**
     * The cancellation request a dispensing completing the current use decides by cancelling after it: one pending
     * while uses are left (docs/domain.md, "Lifecycle"). On the last use there is nothing left to stop; the request
     * lapses as the prescription is completed. Null when none.
     */
    private CancellationRequested cancellationEndingWithUse() {
        return pendingCancellation != null && currentUse <= refills ? pendingCancellation : null;
    }

    /**
     * The prescriber asked to stop the medicine while the pharmacy held the use: the use the pharmacy completed went
     * out, the uses not begun never will. Recorded after the dispensing's check, so that the check has recorded its
     * courses as dispensed before the cancellation stops what is still planned.
     */
    private void cancelAfterUse(CancellationRequested request, Instant now) {
        if (request != null) {
            apply(new PrescriptionCancelled(prescriptionId, request.institutionId(), request.prescriberId(),
                    request.reason(), now), patientMetaData(patient));
        }
    }

    /**
     * After a dispensing or its correction: the courses now running and those of the next use are checked; the check
     * records them with the others the dispensing touched and those of the use nobody will take.
     */
    private CommandOutcome checkDispensed(InteractionChecker checker, CheckTrigger trigger,
                                          List<RecordedCourse> touched, List<RecordedCourse> running,
                                          List<RecordedCourse> undispensed, List<RecordedCourse> nextUse,
                                          Instant now) {
        // the use's lines with each other as well, each use by itself (docs/domain.md, "What conflicts")
        CheckResult found = checker.checkUse(prescriptionId, patient.id(), prescriber.institutionId(),
                prescriber.id(), running, restOfUse(running, touched, undispensed))
                .plus(checker.check(prescriptionId, patient.id(), prescriber.institutionId(), prescriber.id(),
                        nextUse, true));
        List<RecordedCourse> courses = new ArrayList<>(touched);
        courses.addAll(undispensed);
        courses.addAll(nextUse);
        InteractionCheckCompleted check = recordCheck(checker, trigger, courses, found, now);
        return new CommandOutcome(version(), check);
    }

    /**
     * The courses of the other lines of the use {@code running} runs in, as last recorded: those the check records
     * anew ({@code touched}, {@code undispensed}) are left out.
     */
    private List<RecordedCourse> restOfUse(List<RecordedCourse> running, List<RecordedCourse> touched,
                                           List<RecordedCourse> undispensed) {
        if (running.isEmpty()) {
            return List.of();
        }
        int use = running.get(0).use();
        Set<Integer> recordedNow = new HashSet<>();
        touched.forEach(course -> recordedNow.add(course.lineNumber()));
        undispensed.forEach(course -> recordedNow.add(course.lineNumber()));
        return ownCourses.values().stream()
                .filter(course -> course.use() == use && !recordedNow.contains(course.lineNumber()))
                .sorted(Comparator.comparingInt(RecordedCourse::lineNumber))
                .toList();
    }

    /**
     * The use is complete: the prescription is completed on its last use, otherwise the next use is scheduled from
     * {@code today} plus the days of supply the use handed out ({@link DispensingRecords#supplyDaysOf}). Answers the next use's planned courses (none when no
     * check runs or none follows).
     */
    private List<RecordedCourse> completeUse(LocalDate today, Instant now, DrugCatalogue catalogue,
                                             InteractionChecker checker) {
        if (currentUse > refills) {
            apply(new PrescriptionCompleted(prescriptionId, now), patientMetaData(patient));
            return List.of();
        }
        return scheduleRefill(currentUse + 1, today, now, catalogue, checker);
    }

    /** Schedules {@code use} after the previous use was completed on {@code completedOn}; its planned courses. */
    private List<RecordedCourse> scheduleRefill(int use, LocalDate completedOn, Instant now, DrugCatalogue catalogue,
                                                InteractionChecker checker) {
        LocalDate planned = completedOn.plusDays(dispensings.supplyDaysOf(use - 1, linesOf(use - 1), catalogue));
        List<RecordedCourse> courses = plannedCourses(use, planned, catalogue);
        apply(new RefillScheduled(prescriptionId, use, planned,
                later(planned.minusDays(REFILL_WINDOW_DAYS), completedOn.plusDays(1)),
                planned.plusDays(REFILL_WINDOW_DAYS), now, longestDays(courses)), patientMetaData(patient));
        return checker.enabled() ? courses : List.of();
    }

    /**
     * The most days a course of a dispensing under {@code linesOfUse} may run: it lasts as long as its quantity covers,
     * up to its line's days (docs/domain.md, "Courses"), whatever days the items say; an as-needed line counts 14 as a
     * check counts it. A topical line counts its days (a substitute handed out for it may not be topical): the longer
     * side. Recorded so that what a dispensing moved without a check is known for as long (docs/alerts.md).
     */
    static int courseDays(Map<Integer, PrescribedLine> linesOfUse) {
        return linesOfUse.values().stream()
                .mapToInt(line -> line.asNeeded() ? CoursePeriod.UNCOMPUTABLE_PERIOD_DAYS : line.days())
                .max().orElse(CoursePeriod.UNCOMPUTABLE_PERIOD_DAYS);
    }

    /** The days the longest of {@code courses} runs, both ends counted. */
    private static int longestDays(List<RecordedCourse> courses) {
        return courses.stream()
                .mapToInt(course -> Math.toIntExact(ChronoUnit.DAYS.between(course.from(), course.to()) + 1))
                .max().orElse(0);
    }

    /**
     * Corrects (with items) or withdraws (without) a dispensing of today, by the pharmacy that recorded it
     * ({@link CorrectionRules}). The use is counted as if the corrected dispensing had been recorded instead: a
     * correction that now supplies everything completes the use, one that changes the supply of a completed use moves
     * the scheduled refill. The courses of the lines it touched are recorded again, and checked as a dispensing's.
     */
    @CommandHandler
    public CommandOutcome handle(CorrectDispensing command, DrugCatalogue catalogue, InteractionChecker checker,
                                 Clock clock) {
        Instant now = clock.instant();
        LocalDate today = dayOf(now, clock);
        DispensingRecords.Entry dispensing = CorrectionRules.dispensingToCorrect(command, dispensings, today);
        int use = dispensing.use();
        boolean useCompleted = use < currentUse || status == PrescriptionStatus.COMPLETED;
        // a use completed with a cancellation request pending ended the prescription: the use stays current
        boolean useOpen = !useCompleted && dispensings.completing(use).isEmpty();
        if (!command.withdraws() && useOpen && status != PrescriptionStatus.CANCELLED) {
            // a use still open is the holding pharmacy's to supply: a correction by a pharmacy that released it
            // could complete another pharmacy's use or end a cancellation request it has to decide. A cancelled
            // prescription's use nobody holds or completes; after the cancellation a correction only lowers or fixes
            requireHeldBy(command.pharmacyId());
        }
        Map<Integer, PrescribedLine> linesOfUse = linesOf(use);
        Set<Integer> touched = new TreeSet<>();
        dispensing.items().forEach(item -> touched.add(item.lineNumber()));
        List<RecordedCourse> nextUse = List.of();
        List<RecordedCourse> undispensed = List.of();
        CancellationRequested stopAfterUse = null;
        if (command.withdraws()) {
            // a use that ended in a cancellation is completed too, though no next use began
            CorrectionRules.requireWithdrawable(dispensing, !useOpen, status);
            apply(new DispensingWithdrawn(prescriptionId, dispensing.sequence(), use, command.pharmacyId(),
                    command.pharmacistId(), command.reason(), now, today), patientMetaData(patient));
        } else {
            boolean everyLineComplete = DispenseRules.check(command.items(), linesOfUse,
                    dispensings.countedIn(use, dispensing.sequence(), linesOfUse, catalogue), catalogue);
            List<SubstituteSupply> substitutes = SubstituteRules.check(command.items(), linesOfUse, refills,
                    dispensings.countingIn(use, dispensing.sequence()), catalogue);
            boolean completesNow = !dispensing.completesUse() && !useCompleted && everyLineComplete
                    && status == PrescriptionStatus.ACCEPTED;
            List<LineQuantity> counted = countedAsPrescribed(command.items(), linesOfUse, catalogue);
            if (supplyStoppedByCancellation) {
                CorrectionRules.requireNotRaised(dispensing, counted,
                        DispensingRecords.countedBy(dispensing, linesOfUse, catalogue));
            }
            int supplyBefore = dispensings.supplyDaysOf(use, linesOfUse, catalogue);
            CancellationRequested pending = completesNow ? cancellationEndingWithUse() : null;
            command.items().forEach(item -> touched.add(item.lineNumber()));
            apply(new DispensingCorrected(prescriptionId, dispensing.sequence(), use, command.pharmacyId(),
                    command.pharmacistId(), command.reason(), command.items(),
                    dispensing.completesUse() || completesNow, now, today, counted, substitutes,
                    DrugDescriptions.of(command.items().stream().map(DispensedItem::drugCode).toList(), catalogue),
                    courseDays(linesOfUse)), patientMetaData(patient));
            if (completesNow) {
                undispensed = undispensedCourses(touched);
                stopAfterUse = pending;
                nextUse = stopAfterUse == null ? completeUse(today, now, catalogue, checker) : List.of();
            } else if (status == PrescriptionStatus.AWAITING_REFILL && use == currentUse - 1
                    && dispensings.supplyDaysOf(use, linesOfUse, catalogue) != supplyBefore) {
                LocalDate completedOn = dispensings.completing(use).map(DispensingRecords.Entry::dispensedOn)
                        .orElse(today);
                nextUse = scheduleRefill(currentUse, completedOn, now, catalogue, checker);
            }
        }
        if (!checker.enabled()) {
            cancelAfterUse(stopAfterUse, now);
            return new CommandOutcome(version(), null);
        }
        List<RecordedCourse> changed = new ArrayList<>();
        for (int lineNumber : touched) {
            changed.add(dispensings.courseOf(use, linesOfUse.get(lineNumber), routes(catalogue))
                    .orElseGet(() -> stoppedCourse(use, linesOfUse.get(lineNumber), dispensing, catalogue)));
        }
        List<RecordedCourse> running = changed.stream()
                .filter(course -> course.status() == CourseStatus.DISPENSED)
                .toList();
        InteractionCheckCompleted check = checkDispensed(checker, CheckTrigger.CORRECTION, changed, running,
                undispensed, nextUse, now).check();
        cancelAfterUse(stopAfterUse, now);
        return new CommandOutcome(version(), check);
    }

    /**
     * A line nothing counts for any more in its use: its course as last recorded (or as the withdrawn dispensing
     * gave it), stopped.
     */
    private RecordedCourse stoppedCourse(int use, PrescribedLine line, DispensingRecords.Entry withdrawn,
                                         DrugCatalogue catalogue) {
        int lineNumber = line.lineNumber();
        RecordedCourse last = use == currentUse ? coursesOfUse.get(lineNumber) : null;
        if (last == null) {
            last = DispensingRecords.courseOf(List.of(withdrawn), use, line, routes(catalogue)).orElseThrow();
        }
        return new RecordedCourse(lineNumber, use, last.drugCode(), last.from(), last.to(), CourseStatus.STOPPED);
    }

    /**
     * The course each line the dispensing handed out now runs, with this dispensing recorded: as the use's dispensings
     * of the line give it together ({@link DispensingRecords#courseOf}).
     */
    private List<RecordedCourse> dispensedCourses(DispensePrescription command, int use, DrugCatalogue catalogue) {
        Set<Integer> dispensedLines = new LinkedHashSet<>();
        command.items().forEach(item -> dispensedLines.add(item.lineNumber()));
        return dispensedLines.stream()
                .map(lineNumber -> dispensings.courseOf(use, lines.get(lineNumber), routes(catalogue)).orElseThrow())
                .toList();
    }

    /** Per line, how much of the prescribed drug the items hand out (the dispense rules made sure it is comparable). */
    private static List<LineQuantity> countedAsPrescribed(List<DispensedItem> items,
                                                          Map<Integer, PrescribedLine> linesOfUse,
                                                          DrugCatalogue catalogue) {
        Map<Integer, BigDecimal> counted = new TreeMap<>();
        for (DispensedItem item : items) {
            counted.merge(item.lineNumber(), DispenseRules.unitsOf(linesOfUse.get(item.lineNumber()), item, catalogue),
                    BigDecimal::add);
        }
        return counted.entrySet().stream().map(entry -> new LineQuantity(entry.getKey(), entry.getValue())).toList();
    }

    /** A use completed without some of its lines: their planned courses end, nobody will take them. */
    private List<RecordedCourse> undispensedCourses(List<RecordedCourse> dispensedNow) {
        Set<Integer> dispensedLines = new HashSet<>();
        dispensedNow.forEach(course -> dispensedLines.add(course.lineNumber()));
        return undispensedCourses(dispensedLines);
    }

    private List<RecordedCourse> undispensedCourses(Set<Integer> dispensedLines) {
        return coursesOfUse.values().stream()
                .filter(course -> course.status() == CourseStatus.PLANNED)
                .filter(course -> !dispensedLines.contains(course.lineNumber()))
                .map(course -> new RecordedCourse(course.lineNumber(), course.use(), course.drugCode(), course.from(),
                        course.to(), CourseStatus.STOPPED))
                .toList();
    }

    /**
     * Each line as a planned course of {@code use} from {@code start}, for the prescribed days: a topical drug's 14 by
     * the route its issue or amendment recorded, whatever today's catalogue says of it ({@link CourseRoutes}).
     */
    private List<RecordedCourse> plannedCourses(int use, LocalDate start, DrugCatalogue catalogue) {
        return lines.values().stream()
                .map(line -> plannedCourse(line, use, start, catalogue))
                .toList();
    }

    private RecordedCourse plannedCourse(PrescribedLine line, int use, LocalDate start, DrugCatalogue catalogue) {
        CoursePeriod period = CoursePeriod.of(start, Math.max(1, line.days()),
                routes(catalogue).ofPrescribed(line.drugCode()), line.asNeeded());
        return new RecordedCourse(line.lineNumber(), use, line.drugCode(), period.from(), period.to(),
                CourseStatus.PLANNED);
    }

    /** The routes courses count their drugs by: as this prescription's events recorded them. */
    private CourseRoutes routes(DrugCatalogue catalogue) {
        return new CourseRoutes(prescribedAs, catalogue);
    }

    /**
     * Records the check: the courses, and of the alerts found those that name a course this prescription's alerts
     * have not named before (an alert seen again with nothing new is not raised again), or that the view resolved
     * because what they are about stopped ({@link #resolvedByStopping}): found again, that is running again.
     */
    private InteractionCheckCompleted recordCheck(InteractionChecker checker, CheckTrigger trigger,
                                                  List<RecordedCourse> courses, CheckResult found, Instant now) {
        Map<AlertId, Set<String>> named = new HashMap<>();
        List<RecordedAlert> raised = new ArrayList<>();
        for (RecordedAlert alert : found.alerts()) {
            Set<String> known = named.computeIfAbsent(alert.alertId(),
                    id -> new HashSet<>(conflictsRecorded.getOrDefault(id, Set.of())));
            boolean somethingNew = resolvedByStopping(alert.alertId());
            for (RecordedConflict conflict : alert.conflicts()) {
                somethingNew |= known.add(conflict.courseKey());
            }
            if (somethingNew) {
                raised.add(alert);
            }
        }
        InteractionCheckCompleted check = new InteractionCheckCompleted(prescriptionId, patient.id(),
                prescriber.institutionId(), prescriber.id(), trigger, courses, raised, found.unknownDrugCodes(),
                found.unchecked(), checker.catalogueVersion(), now)
                .describing(checker.describe(courses.stream().map(RecordedCourse::drugCode).toList(), described));
        apply(check, patientMetaData(patient));
        return check;
    }

    /**
     * Whether an alert this prescription raised is resolved in the view because the courses it is about stopped
     * (docs/alerts.md, "Resolution follows the medicine"): every course of its own line stopped (a use completed
     * without the line, a withdrawal, a cancellation or expiry before it was handed out), or every course it names
     * is one of this prescription's and stopped. Whatever stopped them, a check that finds the alert again finds them
     * running again, and raises it again although it names no new course. (An alert resolved because another
     * prescription's courses stopped is raised again by that prescription's check, on its own line.)
     */
    private boolean resolvedByStopping(AlertId alertId) {
        Set<String> named = conflictsRecorded.get(alertId);
        Integer line = alertLines.get(alertId);
        if (named == null || line == null) {
            return false;
        }
        // as the view judges it: a line none of whose courses is known is taken to run
        List<RecordedCourse> ofLine = ownCourses.values().stream()
                .filter(course -> course.lineNumber() == line)
                .toList();
        boolean ownLineStopped = !ofLine.isEmpty()
                && ofLine.stream().allMatch(course -> course.status() == CourseStatus.STOPPED);
        boolean everyConflictStopped = !named.isEmpty() && named.stream().allMatch(key -> {
            RecordedCourse own = ownCourses.get(key);
            return own != null && own.status() == CourseStatus.STOPPED;
        });
        return ownLineStopped || everyConflictStopped;
    }

    /** The key of this prescription's course of {@code line} in {@code use}, as conflicts name it. */
    private String courseKey(int line, int use) {
        return prescriptionId + "|" + line + "|" + use;
    }

    /** A cancellation or an expiry stops the planned courses, as the view does; dispensed ones run on. */
    private void stopPlannedCourses() {
        ownCourses.replaceAll((key, course) -> course.status() == CourseStatus.PLANNED
                ? new RecordedCourse(course.lineNumber(), course.use(), course.drugCode(), course.from(), course.to(),
                CourseStatus.STOPPED)
                : course);
    }

    /**
     * The holding pharmacy asks its prescriber (疑義照会). Proposed lines must already be acceptable as they stand
     * ({@link AmendmentRules}); the prescriber's answer checks them again against the prescription as it is then.
     * A query id names one query for good: the same query sent again (a retry) changes nothing and answers the
     * prescription's version, whatever happened since; another query under it is refused, so a recorded question or
     * proposal is never replaced.
     */
    @CommandHandler
    public long handle(QueryPrescriber command, DrugCatalogue catalogue, Clock clock) {
        PrescriberQueried earlier = queries.get(command.queryId());
        if (earlier != null) {
            return answerRetriedQuery(command, earlier);
        }
        requireHeldBy(command.pharmacyId());
        if (!command.proposedLines().isEmpty()) {
            AmendmentRules.check(lines, command.proposedLines(), refills,
                    line -> dispensings.lineDispensedIn(currentUse, line), catalogue);
        }
        apply(new PrescriberQueried(prescriptionId, command.queryId(), command.pharmacyId(), command.pharmacistId(),
                currentUse, command.question(), command.proposedLines(), clock.instant()), patientMetaData(patient));
        return version();
    }

    private long answerRetriedQuery(QueryPrescriber command, PrescriberQueried earlier) {
        boolean sameQuery = command.pharmacyId().equals(earlier.pharmacyId())
                && command.pharmacistId().equals(earlier.pharmacistId())
                && Objects.equals(command.question(), earlier.question())
                && command.proposedLines().equals(earlier.proposedLines());
        if (!sameQuery) {
            throw refused(Refusal.DIFFERENT_QUERY_UNDER_SAME_ID, "query " + command.queryId()
                    + " was already asked with other content; a new query takes a new id");
        }
        return version();
    }

    /**
     * The issuing institution answers a query. Accepting its proposed lines amends the prescription, checked like an
     * issue: the issue rules on the lines as amended, and the interaction check of the amended lines' planned courses
     * (docs/alerts.md), whose alerts the outcome carries. A rejected change, or a question without one, only records
     * the answer.
     */
    @CommandHandler
    public CommandOutcome handle(AnswerQuery command, DrugCatalogue catalogue, InteractionChecker checker,
                                 Clock clock) {
        if (!prescriber.institutionId().equals(command.institutionId())) {
            throw refused(Refusal.NOT_THE_ISSUING_INSTITUTION, "only the issuing institution may answer a query");
        }
        if (answeredQueries.contains(command.queryId())) {
            throw refused(Refusal.QUERY_ALREADY_ANSWERED, "query " + command.queryId() + " was already answered");
        }
        PrescriberQueried query = openQueries.get(command.queryId());
        if (query == null) {
            throw refused(Refusal.UNKNOWN_QUERY, "the prescription has no query " + command.queryId());
        }
        Instant now = clock.instant();
        LocalDate today = dayOf(now, clock);
        List<Integer> changed = List.of();
        if (command.acceptChange()) {
            if (query.proposedLines().isEmpty()) {
                throw refused(Refusal.NO_CHANGE_PROPOSED, "query " + command.queryId() + " proposed no change");
            }
            if (status.isFinal()) {
                throw refused(Refusal.NOT_AMENDABLE, "a " + status + " prescription cannot be amended");
            }
            AmendmentRules.check(lines, query.proposedLines(), refills,
                    line -> dispensings.lineDispensedIn(currentUse, line), catalogue);
            changed = AmendmentRules.changedLineNumbers(lines, query.proposedLines());
        }
        apply(new QueryAnswered(prescriptionId, command.queryId(), command.institutionId(), command.prescriberId(),
                command.answer(), command.acceptChange(), now), patientMetaData(patient));
        if (!command.acceptChange()) {
            return new CommandOutcome(version(), null);
        }
        List<PrescribedLine> amended = AmendmentRules.amended(lines, query.proposedLines());
        // the amended lines' courses of the current use start today, or on the refill's planned day if later
        LocalDate start = plannedStartOfUse == null ? today : later(today, plannedStartOfUse);
        // an unchanged line keeps the description it was recorded with; a changed one is described as of today
        Set<Integer> amendedLines = Set.copyOf(changed);
        Map<DrugCode, DrugDescription> unchanged = new HashMap<>();
        amended.stream().filter(line -> !amendedLines.contains(line.lineNumber()))
                .map(PrescribedLine::drugCode).filter(prescribedAs::containsKey)
                .forEach(drug -> unchanged.put(drug, prescribedAs.get(drug)));
        apply(new PrescriptionAmended(prescriptionId, command.queryId(), command.institutionId(),
                command.prescriberId(), amended, changed, now, today,
                DrugDescriptions.of(amended.stream().map(PrescribedLine::drugCode).toList(), unchanged, catalogue),
                start), patientMetaData(patient));
        if (!checker.enabled()) {
            return new CommandOutcome(version(), null);
        }
        InteractionCheckCompleted check = checkAmendment(Set.copyOf(changed), start, catalogue, checker, now);
        return new CommandOutcome(version(), check);
    }

    /**
     * The amended lines' planned courses of the current use, from {@code start} (today, or the refill's planned day if
     * later), checked as at issue: against the patient's other courses and against this prescription's other lines as
     * they run in this use. Only findings about an amended line are kept; the others were decided before.
     */
    private InteractionCheckCompleted checkAmendment(Set<Integer> amended, LocalDate start, DrugCatalogue catalogue,
                                                     InteractionChecker checker, Instant now) {
        List<RecordedCourse> planned = new ArrayList<>();
        List<RecordedCourse> compared = new ArrayList<>();
        for (PrescribedLine line : lines.values()) {
            RecordedCourse current = coursesOfUse.get(line.lineNumber());
            if (amended.contains(line.lineNumber()) || current == null) {
                // the amendment just recorded how it describes each line's drug: an unchanged one as before
                RecordedCourse course = plannedCourse(line, currentUse, start, catalogue);
                compared.add(course);
                if (amended.contains(line.lineNumber())) {
                    planned.add(course);
                }
            } else if (current.status() != CourseStatus.STOPPED) {
                compared.add(current);
            }
        }
        CheckResult checked = checker.check(prescriptionId, patient.id(), prescriber.institutionId(),
                prescriber.id(), compared, true);
        // a registered dispensing's course names no prescription (docs/alerts.md, "Registered dispensings")
        List<RecordedAlert> aboutAmendedLines = checked.alerts().stream()
                .filter(alert -> amended.contains(alert.lineNumber()) || alert.conflicts().stream()
                        .anyMatch(conflict -> prescriptionId.equals(conflict.prescriptionId())
                                && amended.contains(conflict.lineNumber())))
                .toList();
        return recordCheck(checker, CheckTrigger.AMENDMENT, planned, checked.withAlerts(aboutAmendedLines), now);
    }

    @CommandHandler
    public long handle(CancelPrescription command, Clock clock) {
        if (!prescriber.institutionId().equals(command.institutionId())) {
            throw refused(Refusal.NOT_THE_ISSUING_INSTITUTION, "only the issuing institution may cancel");
        }
        Instant now = clock.instant();
        switch (status) {
            case ISSUED, AWAITING_REFILL -> apply(new PrescriptionCancelled(prescriptionId, command.institutionId(),
                    command.prescriberId(), command.reason(), now), patientMetaData(patient));
            case ACCEPTED -> {
                if (pendingCancellation == null) {
                    apply(new CancellationRequested(prescriptionId, command.institutionId(), command.prescriberId(),
                            holdingPharmacy, command.reason(), now), patientMetaData(patient));
                }
            }
            default -> throw refused(Refusal.NOT_CANCELLABLE, "a " + status + " prescription cannot be cancelled");
        }
        return version();
    }

    @CommandHandler
    public long handle(ExpirePrescription command, Clock clock) {
        Instant now = clock.instant();
        LocalDate today = dayOf(now, clock);
        LocalDate deadline = switch (status) {
            case ISSUED -> validUntil;
            case AWAITING_REFILL -> refillWindowCloses;
            default -> null;
        };
        if (deadline != null && today.isAfter(deadline)) {
            apply(new PrescriptionExpired(prescriptionId, currentUse, now, today, deadline),
                    patientMetaData(patient));
        }
        return version();
    }

    /**
     * An alert this prescription raised is acknowledged for the conflicts the acknowledger saw of those it names; an
     * alert another prescription raised (it names this one) is acknowledged as the acknowledger asked, and its own
     * record decides what that covers.
     */
    @CommandHandler
    public long handle(AcknowledgeAlert command, Clock clock) {
        Party party = command.acknowledgedBy();
        boolean involved = party.actsFor(prescriber.institutionId())
                || involvedPharmacies.stream().anyMatch(party::actsFor);
        if (!involved) {
            throw refused(Refusal.NOT_INVOLVED, "only the issuing institution or an involved pharmacy may acknowledge");
        }
        List<String> covered = command.conflictIds();
        Set<String> raisedHere = conflictsRecorded.get(command.alertId());
        if (raisedHere != null) {
            covered = covered(command.alertId(), raisedHere, command.conflictIds());
            if (covered.isEmpty()) {
                throw refused(Refusal.UNKNOWN_CONFLICT, "the acknowledgement names no conflict of alert "
                        + command.alertId());
            }
        }
        apply(new AlertAcknowledged(prescriptionId, command.alertId(), command.reason(), party, clock.instant(),
                covered), patientMetaData(patient));
        return version();
    }

    private void requireHeldBy(PharmacyId pharmacy) {
        if (status != PrescriptionStatus.ACCEPTED) {
            throw refused(Refusal.NOT_HELD, "the prescription is " + status + ", not held by a pharmacy");
        }
        if (!holdingPharmacy.equals(pharmacy)) {
            throw refused(Refusal.NOT_THE_HOLDING_PHARMACY, "the prescription is held by another pharmacy");
        }
    }

    @EventSourcingHandler
    void on(PrescriptionIssued event) {
        prescriptionId = event.prescriptionId();
        status = PrescriptionStatus.ISSUED;
        patient = event.patient();
        prescriber = event.prescriber();
        lines = new LinkedHashMap<>();
        event.lines().forEach(line -> lines.put(line.lineNumber(), line));
        refills = event.refills();
        validUntil = event.validUntil();
        if (event.drugs() != null) {
            event.drugs().addTo(described);
            event.drugs().addTo(prescribedAs);
        }
        exchangeCodeHash = event.exchangeCodeHash();
        exchangeCode = new CodeDerivation(event.exchangeCodeKeyId(), event.exchangeCodeAttempt());
        acknowledgedAtIssue = List.copyOf(event.acknowledgedAlerts());
        currentUse = 1;
        issuedLines = List.copyOf(event.lines());
        plannedStartOfUse = event.issuedOn();
    }

    @EventSourcingHandler
    void on(InteractionCheckCompleted event) {
        for (RecordedCourse course : event.courses()) {
            if (course.use() == currentUse) {
                coursesOfUse.put(course.lineNumber(), course);
            }
            ownCourses.put(courseKey(course.lineNumber(), course.use()), course);
        }
        for (RecordedAlert alert : event.alerts()) {
            Set<String> named = conflictsRecorded.computeIfAbsent(alert.alertId(), id -> new HashSet<>());
            alert.conflicts().forEach(conflict -> named.add(conflict.courseKey()));
            alertLines.put(alert.alertId(), alert.lineNumber());
        }
        if (event.trigger() == CheckTrigger.ISSUE) {
            issueCheck = event;
        }
    }

    /** The issue records its acknowledgements right after its check, at the instant of the check. */
    @EventSourcingHandler
    void on(AlertAcknowledged event) {
        if (issueCheck != null && involvedPharmacies.isEmpty()
                && issueCheck.checkedAt().equals(event.acknowledgedAt())) {
            acknowledgedOnIssue.add(event);
        }
    }

    @EventSourcingHandler
    void on(PrescriptionAccepted event) {
        status = PrescriptionStatus.ACCEPTED;
        holdingPharmacy = event.pharmacyId();
        involvedPharmacies.add(event.pharmacyId());
    }

    @EventSourcingHandler
    void on(PrescriptionReleased event) {
        status = currentUse == 1 ? PrescriptionStatus.ISSUED : PrescriptionStatus.AWAITING_REFILL;
        holdingPharmacy = null;
    }

    @EventSourcingHandler
    void on(PrescriptionDispensed event) {
        // the holding pharmacy decides a request by completing the use (it lapses on the last use; with uses left the
        // command cancels right after) or by releasing (it cancels); a partial dispensing decides nothing
        if (event.completesUse()) {
            supplyStoppedByCancellation |= pendingCancellation != null;
            pendingCancellation = null;
        }
        dispensings.dispensed(event);
        if (event.drugs() != null) {
            event.drugs().addTo(described);
        }
    }

    @EventSourcingHandler
    void on(RefillScheduled event) {
        // a refill is never accepted before the day after the previous use was completed; windows recorded before
        // that rule may open on the completing dispensing's day itself
        LocalDate dayAfterDispensing = dispensings.completing(event.use() - 1)
                .map(completing -> completing.dispensedOn().plusDays(1))
                .orElse(event.windowOpens());
        status = PrescriptionStatus.AWAITING_REFILL;
        currentUse = event.use();
        holdingPharmacy = null;
        coursesOfUse.clear();
        refillWindowOpens = later(event.windowOpens(), dayAfterDispensing);
        refillWindowCloses = event.windowCloses();
        plannedStartOfUse = event.plannedDate();
    }

    @EventSourcingHandler
    void on(DispensingCorrected event) {
        dispensings.corrected(event);
        if (event.drugs() != null) {
            event.drugs().addTo(described);
        }
        if (event.completesUse()) {
            supplyStoppedByCancellation |= pendingCancellation != null;
            pendingCancellation = null;
        }
    }

    @EventSourcingHandler
    void on(DispensingWithdrawn event) {
        dispensings.withdrawn(event);
    }

    @EventSourcingHandler
    void on(PrescriberQueried event) {
        // a query stored again under its id before that was refused is read as it was decided: the later one stands
        openQueries.put(event.queryId(), event);
        queries.put(event.queryId(), event);
    }

    @EventSourcingHandler
    void on(QueryAnswered event) {
        openQueries.remove(event.queryId());
        answeredQueries.add(event.queryId());
    }

    /**
     * The lines {@code use} was dispensed under: an amendment changes the lines of the current use and the later
     * ones, never those of a use already completed.
     */
    private Map<Integer, PrescribedLine> linesOf(int use) {
        return linesOfCompletedUses.getOrDefault(use, lines);
    }

    @EventSourcingHandler
    void on(PrescriptionAmended event) {
        for (int use = 1; use < currentUse; use++) {
            linesOfCompletedUses.putIfAbsent(use, lines);
        }
        lines = new LinkedHashMap<>();
        event.lines().forEach(line -> lines.put(line.lineNumber(), line));
        if (event.drugs() != null) {
            event.drugs().addTo(described);
            event.drugs().addTo(prescribedAs);
        }
    }

    @EventSourcingHandler
    void on(PrescriptionCompleted event) {
        status = PrescriptionStatus.COMPLETED;
        holdingPharmacy = null;
    }

    @EventSourcingHandler
    void on(CancellationRequested event) {
        pendingCancellation = event;
    }

    @EventSourcingHandler
    void on(PrescriptionCancelled event) {
        status = PrescriptionStatus.CANCELLED;
        supplyStoppedByCancellation = true;
        pendingCancellation = null;
        holdingPharmacy = null;
        stopPlannedCourses();
    }

    @EventSourcingHandler
    void on(PrescriptionExpired event) {
        status = PrescriptionStatus.EXPIRED;
        stopPlannedCourses();
    }

    /** Every event names its patient in metadata, so projections can keep one patient's events in order. */
    private static MetaData patientMetaData(PatientDetails patient) {
        return MetaData.with(PrescriptionEvent.PATIENT_ID_METADATA, patient.id().value());
    }

    /**
     * The day of {@code now} in the exchange's zone. A handler reads the clock once and takes its day from that
     * reading, so that the day its rules judge with is the day and instant its events record, also at midnight.
     */
    private static LocalDate dayOf(Instant now, Clock clock) {
        return LocalDate.ofInstant(now, clock.getZone());
    }

    private static LocalDate later(LocalDate one, LocalDate other) {
        return one.isAfter(other) ? one : other;
    }

    private static long version() {
        Long version = AggregateLifecycle.getVersion();
        return version == null ? 0 : version;
    }

    static PrescriptionRefusedException refused(Refusal refusal, String detail) {
        return new PrescriptionRefusedException(refusal, detail);
    }

    /** For rules that need the catalogue without the aggregate's state. */
    static Drug requireDrug(DrugCatalogue catalogue, DrugCode code) {
        return catalogue.find(code).orElseThrow(() -> refused(Refusal.UNKNOWN_DRUG, "unknown drug code " + code));
    }
}
