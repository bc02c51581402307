package org.eprescription.query.consent;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.eprescription.core.consent.ConsentGiven;
import org.eprescription.core.consent.ConsentWithdrawn;
import org.eprescription.core.ids.PatientId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code consent_record} as the consent events say. The application runs it in a subscribing processor,
 * {@value #PROCESSING_GROUP}: in the transaction of the consent command, so a withdrawal is honoured by every read
 * from the moment it is answered, also while the asynchronous projections lag or hold one of the patient's events in
 * the dead-letter queue (docs/alerts.md, "Privacy"); and tells {@link ConsentChanges}, so that no rendering made
 * under the earlier consent is shown after the command answers.
 */
@Component
@ProcessingGroup(ConsentRecordProjection.PROCESSING_GROUP)
public class ConsentRecordProjection {

    public static final String PROCESSING_GROUP = "consent-record";

    private final ConsentRecordRepository repository;
    /** Null in a replay's instance: nothing is rendered from a replay's scratch table. */
    private final ConsentChanges changes;

    @Autowired
    public ConsentRecordProjection(ConsentRecordRepository repository, ConsentChanges changes) {
        this.repository = repository;
        this.changes = changes;
    }

    private ConsentRecordProjection(ConsentRecordRepository repository) {
        this.repository = repository;
        this.changes = null;
    }

    /** A projection for a replay: rows through {@code repository}, and nobody told of them. */
    public static ConsentRecordProjection forReplay(ConsentRecordRepository repository) {
        return new ConsentRecordProjection(repository);
    }

    @EventHandler
    public void on(ConsentGiven event, @SequenceNumber long sequence) {
        repository.save(event.patientId(), true, event.givenAt(), sequence);
        changed(event.patientId());
    }

    @EventHandler
    public void on(ConsentWithdrawn event, @SequenceNumber long sequence) {
        repository.save(event.patientId(), false, event.withdrawnAt(), sequence);
        changed(event.patientId());
    }

    private void changed(PatientId patientId) {
        if (changes != null) {
            changes.changed(patientId);
        }
    }
}
