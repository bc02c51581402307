package org.eprescription.query.alerts;

import org.axonframework.common.Registration;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.support.Followers;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.function.Consumer;

/**
 * How far the alert projection has processed each prescription's events (the sequence number of the last one), told
 * to whoever in this node waits on that prescription, once the projection's batch has committed.
 */
@Component
public class AlertProgressUpdates {

    private final Followers<PrescriptionId, Long> followers = new Followers<>();

    /** {@code listener} hears the progress on prescription {@code id} until the registration is cancelled. */
    public Registration follow(PrescriptionId id, Consumer<Long> listener) {
        return followers.follow(id, listener);
    }

    void tell(PrescriptionId id, long sequence) {
        followers.tell(List.of(id), sequence);
    }
}
