package org.eprescription.query.consent;

import org.axonframework.common.Registration;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.eprescription.core.ids.PatientId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells what this node keeps rendered under a patient's consent (api's live streams share one rendering of a change
 * among their clients) that some patient's consent changed, so that nothing rendered before is shown after it
 * (docs/alerts.md, "Privacy"). A change made here is told once its command's transaction has committed, before the
 * command answers, and announced to the other nodes on a PostgreSQL notification channel in that transaction
 * ({@value #CHANNEL}, delivered when and only if it commits); a node that hears it, or that may have missed
 * announcements (its listening connection was lost), calls {@link #changedElsewhere}.
 */
@Component
public class ConsentChanges {

    public static final String CHANNEL = "patient_consent_changed";

    private static final Logger log = LoggerFactory.getLogger(ConsentChanges.class);

    private final JdbcClient jdbc;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public ConsentChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code listener} is called (on the telling thread; it must only take note) whenever a consent may have changed. */
    public Registration onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** A consent command of this node changed the patient's consent, inside its transaction. */
    void changed(PatientId patient) {
        jdbc.sql("select pg_notify(:channel, :patient)")
                .param("channel", CHANNEL)
                .param("patient", patient.value())
                .query()
                .listOfRows();
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> tell());
        } else {
            tell();
        }
    }

    /** Another node changed a patient's consent, or this node may have missed such a change. */
    public void changedElsewhere() {
        tell();
    }

    private void tell() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("a listener to consent changes failed", e);
            }
        }
    }
}
