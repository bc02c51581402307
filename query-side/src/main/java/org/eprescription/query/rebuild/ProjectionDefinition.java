package org.eprescription.query.rebuild;

import org.eprescription.query.support.ReplayBuffer;

import java.util.List;
import java.util.function.Supplier;

/**
 * What rebuilding one projection needs: its name (the processing group of its live processor), the tables it writes,
 * and a way to make a second instance of its event handlers. That instance writes its SQL without a schema, so it
 * fills whichever tables the transaction's {@code search_path} points at, and it notifies no live subscriber.
 *
 * @param inCommandTransaction the live tables are written in the transaction of the command whose events they follow
 *                             (a subscribing processor), not by a streaming processor: there is no processor to stop
 *                             or token to move, and the commands that write them are held off by a lock on the
 *                             tables instead (docs/architecture.md, "Replays and verification")
 */
public record ProjectionDefinition(String name, List<ProjectionTable> tables, Supplier<Detached> detached,
                                   boolean inCommandTransaction) {

    public ProjectionDefinition {
        tables = List.copyOf(tables);
    }

    /** A projection of a streaming processor. */
    public ProjectionDefinition(String name, List<ProjectionTable> tables, Supplier<Detached> detached) {
        this(name, tables, detached, false);
    }

    /**
     * A detached instance of the handlers, and what they keep in memory between events ({@link ReplayBuffer#NONE}
     * for handlers that read and write their tables directly).
     */
    public record Detached(Object handlers, ReplayBuffer buffer) {
    }
}
