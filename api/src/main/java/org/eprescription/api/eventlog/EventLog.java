package org.eprescription.api.eventlog;

import java.util.function.Consumer;

/**
 * The stored events, read in global order whichever store holds them: PostgreSQL through Axon's JDBC engine
 * ({@link JdbcEventLog}) or any other event store through Axon's streaming API, such as Axon Server
 * ({@link AxonEventLog}). {@link EventLogConfiguration} wires the one that reads the store the application writes
 * to, so a reader never looks at a table that holds no events.
 */
public interface EventLog {

    /**
     * Hands the events the filter admits to the consumer one by one, in global order, in constant memory: those
     * stored when the call starts (events appended meanwhile are not included). A failure of the store or of the
     * consumer ends the call with its exception, never with a silently short result.
     */
    void forEach(EventFilter filter, Consumer<StoredEvent> consumer);

    /** The global index of the newest stored event, -1 while the store is empty. */
    long head();
}
