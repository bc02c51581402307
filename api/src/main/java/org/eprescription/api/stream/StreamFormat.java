package org.eprescription.api.stream;

import org.eprescription.query.prescription.PrescriptionView;

/**
 * How one kind of stream shows its snapshot and its changes. Runs on the stream's writer thread, so it may query
 * (the alerts of a view, for instance) without holding up the projection or other clients.
 *
 * @param <I> the stream's query's answer, shown as the snapshot
 */
public interface StreamFormat<I> {

    /** The body of the {@code snapshot} event. */
    Object snapshot(I initial);

    /** The id of the {@code snapshot} event: the highest global position among the views it shows, -1 if none. */
    long snapshotPosition(I initial);

    /** The body of a {@code change} event, as JSON text (written once for all streams, {@link SharedRenderings}). */
    String change(PrescriptionView view);

    /**
     * Whether the stream's reader may still see the prescription as it is after this change; when not, the stream
     * ends before the change is written (the reader, reconnecting, is refused as a read would be).
     */
    default boolean stillReadable(PrescriptionView view) {
        return true;
    }

    /**
     * Whether the stream already shows a later view than this one (its snapshot was read ahead of the change, from the
     * prescription's own events while the projection caught up): such a change is not written, nor asked
     * {@link #stillReadable}, since an older state must neither replace a newer one nor end the stream.
     */
    default boolean alreadyShown(PrescriptionView view) {
        return false;
    }

    /** Called right before a change the reader may read is written (to record the read, say). */
    default void beforeChange(PrescriptionView view) {
    }
}
