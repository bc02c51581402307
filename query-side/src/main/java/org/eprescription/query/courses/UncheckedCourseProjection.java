package org.eprescription.query.courses;

import lombok.RequiredArgsConstructor;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.eprescription.core.prescription.DispensedItem;
import org.eprescription.core.prescription.PrescribedLine;
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
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.LinkedHashMap;
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
 */
@Component
@ProcessingGroup(CourseRecordProjection.PROCESSING_GROUP)
@RequiredArgsConstructor
public class UncheckedCourseProjection {

    /** Set on every event of a command by Axon's {@code MessageOriginProvider}: the command's message id. */
    static final String COMMAND = "correlationId";
    /** A course counts at least 14 days (a topical or as-needed one); the projection does not read the catalogue. */
    private static final int LEAST_DAYS = 14;
    /** How long after its planned day a refill may still be dispensed (docs/domain.md, refills). */
    private static final int REFILL_WINDOW_DAYS = 7;

    private final UncheckedCourseRepository repository;
    private final String batchKey = BatchScope.newKey("unchecked-courses");

    /**
     * The marks of the command being handled, written just before its transaction commits: a check the same command
     * recorded clears its mark here, so a command with alerts on writes nothing to the table.
     */
    private final class CommandMarks implements ReplayBuffer {

        private final Map<Object, Runnable> marks = new LinkedHashMap<>();
        private final Map<Object, String> commands = new HashMap<>();

        void moved(Object source, String command, Runnable write) {
            // a later event of the same source and command widens the mark: both writes merge in the table
            Runnable earlier = marks.get(source);
            marks.put(source, earlier == null || !command.equals(commands.get(source)) ? write : () -> {
                earlier.run();
                write.run();
            });
            commands.put(source, command);
        }

        boolean checked(Object source, String command) {
            if (command.equals(commands.get(source))) {
                marks.remove(source);
                commands.remove(source);
                return true;
            }
            return false;
        }

        @Override
        public void flush() {
            marks.values().forEach(Runnable::run);
            marks.clear();
            commands.clear();
        }
    }

    private void moved(Object source, String command, Runnable write) {
        Optional<CommandMarks> marks = BatchScope.buffer(batchKey, CommandMarks::new);
        if (marks.isPresent()) {
            marks.get().moved(source, command, write);
        } else {
            write.run();
        }
    }

    private void checked(Object source, String command, Runnable write) {
        Optional<CommandMarks> marks = BatchScope.buffer(batchKey, CommandMarks::new);
        if (marks.isEmpty() || !marks.get().checked(source, command)) {
            write.run();
        }
    }

    @EventHandler
    public void on(PrescriptionIssued event, EventMessage<?> message) {
        int days = days(event.lines().stream().mapToInt(PrescribedLine::days));
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
        moved(event.prescriptionId(), command, () -> repository.moved(event.prescriptionId(), patientId, command,
                days(event.items().stream().mapToInt(DispensedItem::days)), null, event.dispensedOn()));
    }

    @EventHandler
    public void on(DispensingCorrected event, EventMessage<?> message,
                   @MetaDataValue(PrescriptionEvent.PATIENT_ID_METADATA) String patientId) {
        String command = command(message);
        moved(event.prescriptionId(), command, () -> repository.moved(event.prescriptionId(), patientId, command,
                days(event.items().stream().mapToInt(DispensedItem::days)), null, event.correctedOn()));
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
        moved(event.prescriptionId(), command, () -> repository.moved(event.prescriptionId(), patientId, command,
                LEAST_DAYS, event.windowCloses(), null));
    }

    @EventHandler
    public void on(PrescriptionAmended event, EventMessage<?> message,
                   @MetaDataValue(PrescriptionEvent.PATIENT_ID_METADATA) String patientId) {
        String command = command(message);
        moved(event.prescriptionId(), command, () -> repository.moved(event.prescriptionId(), patientId, command,
                days(event.lines().stream().mapToInt(PrescribedLine::days)), event.amendedOn(), null));
    }

    @EventHandler
    public void on(InteractionCheckCompleted event, EventMessage<?> message) {
        String command = command(message);
        checked(event.prescriptionId(), command, () -> repository.checked(event.prescriptionId(), command));
    }

    @EventHandler
    public void on(PrescriptionCancelled event) {
        repository.plannedEnded(event.prescriptionId());
    }

    @EventHandler
    public void on(PrescriptionExpired event) {
        repository.plannedEnded(event.prescriptionId());
    }

    @EventHandler
    public void on(PrescriptionCompleted event) {
        repository.plannedEnded(event.prescriptionId());
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
    public void on(DispensingRecordWithdrawn event) {
        repository.withdrawn(event.recordId());
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
