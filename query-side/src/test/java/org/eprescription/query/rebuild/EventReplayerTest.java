package org.eprescription.query.rebuild;

import org.eprescription.query.support.ReplayBuffer;
import org.eprescription.testsupport.QuietEventSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The replay's reader thread: its failures reach the replay, and closing the replay ends it. */
class EventReplayerTest {

    private static final ProjectionDefinition NOTHING = new ProjectionDefinition("nothing", List.of(),
            () -> new ProjectionDefinition.Detached(new Object(), ReplayBuffer.NONE));

    @Test
    void aStoreThatCannotBeReadFailsTheReplay() {
        QuietEventSource source = new QuietEventSource(5).failReads();
        EventReplayer replayer = new EventReplayer(source, null, 10);
        try (EventReplayer.Run run = replayer.start(NOTHING, "nowhere")) {
            assertThatThrownBy(() -> run.catchUp((done, position) -> { }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("reading the store")
                    .hasRootCauseMessage("the store is gone");
        }
        assertThat(source.closed()).isTrue();
    }

    @Test
    void closingTheReplayEndsItsReader() throws Exception {
        QuietEventSource source = new QuietEventSource(5);
        EventReplayer replayer = new EventReplayer(source, null, 10);
        EventReplayer.Run run = replayer.start(NOTHING, "quiet");
        assertThat(readers()).isTrue();
        run.close();
        assertThat(readers()).isFalse();
        assertThat(source.closed()).isTrue();
    }

    private static boolean readers() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("replay-reader-quiet") && thread.isAlive());
    }
}
