package org.eprescription.query.courses;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The marks of {@code unchecked_course} are held by source and command, live for one command's unit of work and in a
 * replay across batches, so that a replay writes exactly what the commands' transactions wrote.
 */
class UncheckedCourseMarksTest {

    private final List<String> written = new ArrayList<>();

    @Test
    void aCommandThatChecksWhatItMovedWritesNothing() {
        UncheckedCourseProjection.CommandMarks marks = new UncheckedCourseProjection.CommandMarks(Long.MAX_VALUE);
        marks.moved("P1", "issue", write("P1 issued"));

        assertThat(marks.checked("P1", "issue")).isTrue();
        marks.flush();

        assertThat(written).isEmpty();
    }

    @Test
    void aCheckOfAnotherCommandLeavesTheEarlierMarksAndTheyAreWrittenFirst() {
        UncheckedCourseProjection.CommandMarks marks = replay();
        marks.moved("P1", "issue", write("P1 issued"));

        assertThat(marks.checked("P1", "dispense")).as("the dispensing's check covers only what it moved").isFalse();
        write("P1 dispensing checked").run();
        marks.flush();

        assertThat(written).containsExactly("P1 issued", "P1 dispensing checked");
    }

    @Test
    void anotherCommandOfTheSameSourceEndsTheEarlierOnesMarksOnlyThatSourcesAreWritten() {
        UncheckedCourseProjection.CommandMarks marks = replay();
        marks.moved("P1", "issue", write("P1 issued"));
        marks.moved("P2", "issue P2", write("P2 issued"));

        marks.moved("P1", "dispense", write("P1 dispensed"));
        assertThat(written).containsExactly("P1 issued");
        assertThat(marks.checked("P1", "dispense")).isTrue();
        marks.flush();

        assertThat(written).containsExactly("P1 issued", "P2 issued");
    }

    @Test
    void aCommandsOwnEndComesBeforeItsMarksAndAfterAnEarlierCommandsMarks() {
        UncheckedCourseProjection.CommandMarks marks = replay();
        marks.moved("P1", "issue", write("P1 issued"));
        marks.moved("P1", "dispense", write("P1 dispensed"));

        marks.writeEarlierThan("P1", "dispense");
        write("P1 completed").run();
        marks.flush();

        assertThat(written).containsExactly("P1 issued", "P1 completed", "P1 dispensed");
    }

    @Test
    void aReplayHoldsACommandsMarksUntilItsCheckCanNoLongerComeThenWritesThem() {
        UncheckedCourseProjection.CommandMarks marks = new UncheckedCourseProjection.CommandMarks(3);
        marks.beforeBatch(events(2));
        marks.moved("P1", "issue", write("P1 issued"));
        marks.afterBatch();
        marks.beforeBatch(events(2));
        marks.afterBatch();
        assertThat(written).as("two events after its batch: its check may still come").isEmpty();

        marks.beforeBatch(events(2));
        marks.afterBatch();

        assertThat(written).containsExactly("P1 issued");
    }

    private UncheckedCourseProjection.CommandMarks replay() {
        return new UncheckedCourseProjection.CommandMarks(UncheckedCourseProjection.REPLAY_HORIZON);
    }

    private Runnable write(String what) {
        return () -> written.add(what);
    }

    private static List<EventMessage<?>> events(int count) {
        return new ArrayList<>(Collections.nCopies(count, GenericEventMessage.asEventMessage("event")));
    }
}
