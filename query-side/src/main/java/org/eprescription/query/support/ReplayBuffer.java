package org.eprescription.query.support;

import org.axonframework.eventhandling.EventMessage;

import java.util.List;

/**
 * What handlers keep in memory between events instead of reading and writing a row per event: a replay's detached
 * handlers across its batches (the replay tells it where batches begin and end, and when the tables must hold every
 * event handled so far; every call comes in a transaction whose {@code search_path} is the replay's scratch schema),
 * and the live projections within one event processor batch ({@link BatchScope}: told the batch's events, flushed
 * before it commits).
 *
 * <p>After any call or handler has failed, the buffer (and the replay it belongs to) is unusable: what it holds no
 * longer matches the tables, whose transaction rolled back.
 */
public interface ReplayBuffer {

    /** For handlers that read and write their tables directly. */
    ReplayBuffer NONE = new ReplayBuffer() {
    };

    /** Before the events of a batch are handled: load in one go what they will read. */
    default void beforeBatch(List<? extends EventMessage<?>> batch) {
    }

    /** After the events of a batch are handled: write what need not stay in memory. */
    default void afterBatch() {
    }

    /** Writes everything still held in memory: the tables then reflect every event handled. */
    default void flush() {
    }
}
