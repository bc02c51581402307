package org.eprescription.api.deadletter;

import lombok.RequiredArgsConstructor;
import org.eprescription.core.ids.PatientId;
import org.eprescription.query.alerts.AlertProjection;
import org.eprescription.query.prescription.PrescriptionViewProjection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which patients have events the prescription view or the alerts could not take in yet: they wait in the dead-letter
 * queue (a sequence is one patient), with every later event of the patient behind them. What the exchange shows of
 * such a patient may be incomplete (an alert missing, one resolved meanwhile still open), and an answer says so
 * (docs/alerts.md, "When the exchange does not know"). Reads that show alerts or courses ask
 * {@code api.alerts.AlertCompleteness}, which also counts the courses no check recorded; this is for those that do not.
 */
@Component
@RequiredArgsConstructor
public class PendingLetters {

    /**
     * A select of the patients among {@code :patients} (a {@code varchar[]}) with letters waiting, given
     * {@link #LETTER_GROUPS} as {@code :letterGroups}: the one statement of it, also for a statement that asks more in
     * the same read ({@code api.alerts.AlertCompleteness}).
     */
    public static final String PATIENTS_WAITING = """
            select sequenceidentifier from deadletterentry
             where processinggroup in (:letterGroups) and sequenceidentifier = any(cast(:patients as varchar[]))""";
    /** The projections whose letters hold a patient's alerts or courses back. */
    public static final List<String> LETTER_GROUPS =
            List.of(PrescriptionViewProjection.PROCESSING_GROUP, AlertProjection.PROCESSING_GROUP);

    private final JdbcClient jdbc;

    /** Those of {@code patients} that have letters waiting. */
    public Set<PatientId> among(Collection<PatientId> patients) {
        if (patients.isEmpty()) {
            return Set.of();
        }
        String[] ids = new LinkedHashSet<>(patients).stream().map(PatientId::value).toArray(String[]::new);
        return jdbc.sql(PATIENTS_WAITING)
                .param("letterGroups", LETTER_GROUPS)
                .param("patients", ids)
                .query(String.class)
                .list().stream().map(PatientId::of).collect(Collectors.toSet());
    }

    public boolean any(PatientId patient) {
        return !among(Set.of(patient)).isEmpty();
    }
}
