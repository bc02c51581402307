package org.eprescription.api.stream;

import org.eprescription.query.prescription.PrescriptionView;

/** What a live stream has to write next, in order: the snapshot, then changes and heartbeats. */
sealed interface StreamItem {

    /** The current view as the stream's query answered it. */
    record Snapshot(Object initial) implements StreamItem {
    }

    /** A prescription view that changed (entered, changed in or left the stream's view). */
    record Change(PrescriptionView view) implements StreamItem {
    }

    /** The token the stream was opened with has expired: the stream tells so and ends. */
    record TokenExpired() implements StreamItem {
    }

    /** Nothing happened; a comment line keeps the connection open and finds clients that went away. */
    record Heartbeat() implements StreamItem {
    }
}
