package org.eprescription.query.courses;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.eprescription.core.prescription.DispensedItem;
import org.eprescription.core.prescription.PrescribedLine;
import org.eprescription.core.prescription.Prescription;
import org.eprescription.core.prescription.event.DispensingCorrected;
import org.eprescription.core.prescription.event.DispensingWithdrawn;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.eprescription.core.prescription.event.PrescriptionAmended;
import org.eprescription.core.prescription.event.PrescriptionCancelled;
import org.eprescription.core.prescription.event.PrescriptionCompleted;
import org.eprescription.core.prescription.event.PrescriptionDispensed;
import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.eprescription.core.prescription.event.PrescriptionExpired;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.eprescription.core.prescription.event.RefillScheduled;
import org.eprescription.core.record.RecordItem;
import org.eprescription.core.record.event.DispensingRecordChecked;
import org.eprescription.core.record.event.DispensingRecordCorrected;
import org.eprescription.core.record.event.DispensingRecordWithdrawn;
import org.eprescription.core.record.event.DispensingRegistered;
import org.eprescription.query.support.BatchScope;
import org.eprescription.query.support.ReplayBuffer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Keeps {@code unchecked_course}: which prescriptions and dispensing records had their courses moved by a command that
 * recorded no interaction check, because alerts were switched off (docs/alerts.md, "After alerts were switched off").
 * Runs in the course-record subscribing processor, in the command's own transaction, whether alerts are on or off.
 *
 * <p>Every event that creates or moves courses (an issue, a dispensing, its correction or withdrawal, a refill, an
 * amendment, a registered dispensing) marks its source as moved by its command ({@code correlationId}). The check that
 * same command records (alerts on) clears the mark; the marks are held while the command's events are handled and only
 * those left are written, just before its transaction commits, so with alerts on nothing is written. A mark in the
 * table means no check ran, and the source stays unchecked for as long as its courses may run. A later check of
 * the source does not take it off (it records only the courses it touches); the end of its courses does. Copies what
 * the events say; decides nothing of the check.
 *
 * <p>A replay ({@link #forReplay}) holds the marks the same way, by source and command, across its batches: a
 * command's marks are written once another command's event of the same source comes, or once
 * {@value #REPLAY_HORIZON} more events have been read (a command's events are stored together, in one transaction),
 * or when the replay is flushed. So the rebuilt table holds exactly what the commands' transactions wrote
 * (docs/architecture.md, "Replays and verification").
 */
@Component
@ProcessingGroup(CourseRecordProjection.PROCESSING_GROUP)
public class UncheckedCourseProjection {

    /** The name under which {@code unchecked_course} is replayed and verified (it has no processor of its own). */
    public static final String NAME = "unchecked-course";
    /** Set on every event of a command by Axon's {@code MessageOriginProvider}: the command's message id. */
    static final String COMMAND = "correlationId";
    /** Events read in a replay after a command's last event before its marks are written. */
    static final long REPLAY_HORIZON = 10_000;
    /** A course counts at least 14 days (a topical or as-needed one); the projection does not read the catalogue. */
    private static final int LEAST_DAYS = 14;
    /** How long after its planned day a refill may still be dispensed (docs/domain.md, refills). */
    private static final int REFILL_WINDOW_DAYS = 7;

    private final UncheckedCourseRepository repository;
    /** A replay's marks, held across its batches; null live, where each command's unit of work holds its own. */
    private final CommandMarks replayMarks;
    private final String batchKey = BatchScope.newKey("unchecked-courses");
    /**
     * A replay's longest line days by prescription, from its issue and amendments: how long a course of a dispensing
     * stored before dispensings recorded {@code courseDays} may run. Null live, where no such event arrives.
     */
    private final Map<Object, Integer> replayLineDays;

    @Autowired
    public UncheckedCourseProjection(UncheckedCourseRepository repository) {
        this(repository, null);
    }

    private UncheckedCourseProjection(UncheckedCourseRepository repository, CommandMarks replayMarks) {
        this.repository = repository;
        this.replayMarks = replayMarks;
        this.replayLineDays = replayMarks == null ? null : new HashMap<>();
    }

    /** A projection for a replay: marks through {@code repository}, held by command as the live path holds them. */
    public static UncheckedCourseProjection forReplay(UncheckedCourseRepository repository) {
        return new UncheckedCourseProjection(repository, new CommandMarks(REPLAY_HORIZON));
    }

    /** What a replay must be told of its batches ({@link ReplayBuffer#NONE} for the live projection). */
    public ReplayBuffer replayBuffer() {
        return replayMarks == null ? ReplayBuffer.NONE : replayMarks;
    }

    /**
     * The marks of the commands being handled, by source: each source's marks of one command, written together when
     * they are over, unless a check of the same command cleared them. Live, a unit of work handles one command's events
     * and writes what is left just before its transaction commits, so a command with alerts on writes nothing.
     */
    static final class CommandMarks implements ReplayBuffer {

        private final long horizon;
        private final Map<Object, Marks> bySource = new LinkedHashMap<>();
        /** Events of the batches begun so far. */
        private long read;

        /** @param horizon events read after a command's last one before its marks are written (a replay's) */
        CommandMarks(long horizon) {
            this.horizon = horizon;
        }

        void moved(Object source, String command, Runnable write) {
            Marks marks = bySource.get(source);
            if (marks != null && !marks.command.equals(command)) {
                // another command's event of the same source: the earlier command is over, and did not check it
                bySource.remove(source).write();
                marks = null;
            }
            if (marks == null) {
                marks = new Marks(command);
                bySource.put(source, marks);
            }
            marks.writes.add(write);
            marks.lastRead = read;
        }

        /** The check of {@code command}: true when it covers what the same command moved (nothing to write). */
        boolean checked(Object source, String command) {
            writeEarlierThan(source, command);
            return bySource.remove(source) != null;
        }

        /** Before {@code command} writes to the source's row itself: what an earlier command left is written first. */
        void writeEarlierThan(Object source, String command) {
            Marks marks = bySource.get(source);
            if (marks != null && !marks.command.equals(command)) {
                bySource.remove(source).write();
            }
        }

        @Override
        public void beforeBatch(List<? extends EventMessage<?>> batch) {
            read += batch.size();
        }

        @Override
        public void afterBatch() {
            for (Iterator<Marks> held = bySource.values().iterator(); held.hasNext(); ) {
                Marks marks = held.next();
                if (read - marks.lastRead >= horizon) {
                    held.remove();
                    marks.write();
                }
            }
        }

        @Override
        public void flush() {
            List<Marks> all = List.copyOf(bySource.values());
            bySource.clear();
            all.forEach(Marks::write);
        }

        /** One command's marks of one source, in the order its events came: they merge in the table. */
        private static final class Marks {

            private final String command;
            private final List<Runnable> writes = new ArrayList<>(2);
            private long lastRead;

            private Marks(String command) {
                this.command = command;
            }

            private void write() {
                writes.forEach(Runnable::run);
            }
        }
    }

    private Optional<CommandMarks> marks() {
        return replayMarks != null ? Optional.of(replayMarks)
                : BatchScope.buffer(batchKey, () -> new CommandMarks(Long.MAX_VALUE));
    }

    private void moved(Object source, String command, Runnable write) {
        Optional<CommandMarks> marks = marks();
        if (marks.isPresent()) {
            marks.get().moved(source, command, write);
        } else {
            write.run();
        }
    }

    private void checked(Object source, String command, Runnable write) {
        Optional<CommandMarks> marks = marks();
        if (marks.isEmpty() || !marks.get().checked(source, command)) {
            write.run();
        }
    }

    /** A write of the command's own to the source's row, made at once (after any earlier command's marks). */
    private void ended(Object source, EventMessage<?> message, Runnable write) {
        marks().ifPresent(marks -> marks.writeEarlierThan(source, command(message)));
        write.run();
    }

    @EventHandler
    public void on(PrescriptionIssued event, EventMessage<?> message) {
        int days = days(event.lines().stream().mapToInt(PrescribedLine::days));
        lineDaysSeen(event.prescriptionId(), days);
        // each use may be dispensed up to its window's end and then run its days
        long perUse = days + REFILL_WINDOW_DAYS;
        String command = command(message);
        moved(event.prescriptionId(), command, () -> repository.moved(event.prescriptionId(),
                event.patient().id().value(), command, days,
                event.validUntil().plusDays(event.refills() * perUse + REFILL_WINDOW_DAYS), null));
    }

    @EventHandler
    public void on(PrescriptionDispensed event, EventMessage<?> message,
                   @MetaDataValue(PrescriptionEvent.PATIENT_ID_METADATA) String patientId) {
        String command = command(message);
        int days = dispensedDays(event.prescriptionId(), event.items(), event.courseDays());
        moved(event.prescriptionId(), command, () -> repository.moved(event.prescriptionId(), patientId, command,
                days, null, event.dispensedOn()));
    }

    @EventHandler
    public void on(DispensingCorrected event, EventMessage<?> message,
                   @MetaDataValue(PrescriptionEvent.PATIENT_ID_METADATA) String patientId) {
        String command = command(message);
        int days = dispensedDays(event.prescriptionId(), event.items(), event.courseDays());
        moved(event.prescriptionId(), command, () -> repository.moved(event.prescriptionId(), patientId, command,
                days, null, event.correctedOn()));
    }

    @EventHandler
    public void on(DispensingWithdrawn event, EventMessage<?> message,
                   @MetaDataValue(PrescriptionEvent.PATIENT_ID_METADATA) String patientId) {
        String command = command(message);
        moved(event.prescriptionId(), command, () -> repository.moved(event.prescriptionId(), patientId, command,
                LEAST_DAYS, null, null));
    }

    @EventHandler
    public void on(RefillScheduled event, EventMessage<?> message,
                   @MetaDataValue(PrescriptionEvent.PATIENT_ID_METADATA) String patientId) {
        String command = command(message);
        // the refill may be handed out up to its window's end and then run its longest planned course
        moved(event.prescriptionId(), command, () -> repository.moved(event.prescriptionId(), patientId, command,
                Math.max(LEAST_DAYS, event.courseDays()), event.windowCloses(), null));
    }

    @EventHandler
    public void on(PrescriptionAmended event, EventMessage<?> message,
                   @MetaDataValue(PrescriptionEvent.PATIENT_ID_METADATA) String patientId) {
        String command = command(message);
        int days = days(event.lines().stream().mapToInt(PrescribedLine::days));
        lineDaysSeen(event.prescriptionId(), days);
        // the amended courses start on the refill's planned day when the amendment came before it, not on its own day
        moved(event.prescriptionId(), command, () -> repository.moved(event.prescriptionId(), patientId, command,
                days, event.plannedFrom(), null));
    }

    @EventHandler
    public void on(InteractionCheckCompleted event, EventMessage<?> message) {
        String command = command(message);
        checked(event.prescriptionId(), command, () -> repository.checked(event.prescriptionId(), command));
    }

    @EventHandler
    public void on(PrescriptionCancelled event, EventMessage<?> message) {
        ended(event.prescriptionId(), message, () -> repository.plannedEnded(event.prescriptionId()));
    }

    @EventHandler
    public void on(PrescriptionExpired event, EventMessage<?> message) {
        ended(event.prescriptionId(), message, () -> repository.plannedEnded(event.prescriptionId()));
    }

    @EventHandler
    public void on(PrescriptionCompleted event, EventMessage<?> message) {
        ended(event.prescriptionId(), message, () -> repository.plannedEnded(event.prescriptionId()));
    }

    @EventHandler
    public void on(DispensingRegistered event, EventMessage<?> message) {
        String command = command(message);
        moved(event.recordId(), command, () -> repository.moved(event.recordId(), event.patient().id().value(),
                command, days(event.items().stream().mapToInt(RecordItem::days)), event.dispensedOn()));
    }

    @EventHandler
    public void on(DispensingRecordCorrected event, EventMessage<?> message) {
        String command = command(message);
        moved(event.recordId(), command, () -> repository.moved(event.recordId(), event.patientId().value(),
                command, days(event.items().stream().mapToInt(RecordItem::days)), event.correctedOn()));
    }

    @EventHandler
    public void on(DispensingRecordChecked event, EventMessage<?> message) {
        String command = command(message);
        checked(event.recordId(), command, () -> repository.checked(event.recordId(), command));
    }

    @EventHandler
    public void on(DispensingRecordWithdrawn event, EventMessage<?> message) {
        ended(event.recordId(), message, () -> repository.withdrawn(event.recordId()));
    }

    /**
     * How long a dispensing's courses may run: a course lasts as long as its quantity covers, up to its line's days,
     * whatever days the items say (docs/alerts.md, "After alerts were switched off"); the dispensing records that as
     * {@code courseDays}. One stored before it did (null) is read, in a replay, with the longest line days the
     * prescription's issue and amendments gave, or the longest a line may be prescribed for when none was seen.
     */
    private int dispensedDays(Object prescriptionId, List<DispensedItem> items, Integer courseDays) {
        int recorded = courseDays != null ? courseDays
                : replayLineDays != null ? replayLineDays.getOrDefault(prescriptionId, Prescription.MAX_DAYS)
                : Prescription.MAX_DAYS;
        return Math.max(days(items.stream().mapToInt(DispensedItem::days)), recorded);
    }

    private void lineDaysSeen(Object prescriptionId, int days) {
        if (replayLineDays != null) {
            // an amendment does not change the lines of a use already completed: keep the longest seen
            replayLineDays.merge(prescriptionId, days, Math::max);
        }
    }

    private static int days(IntStream days) {
        return Math.max(LEAST_DAYS, days.max().orElse(LEAST_DAYS));
    }

    /**
     * The command whose event this is. An event without one (not published by a command) is its own: no check can
     * be seen for it, so what it moved stays unchecked, which is the safe side.
     */
    private static String command(EventMessage<?> message) {
        Object command = message.getMetaData().get(COMMAND);
        return command != null ? command.toString() : message.getIdentifier();
    }
}
