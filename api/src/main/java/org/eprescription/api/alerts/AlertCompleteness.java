package org.eprescription.api.alerts;

import org.eprescription.api.config.ExchangeProperties;
import org.eprescription.core.ids.PatientId;
import org.eprescription.api.deadletter.PendingLetters;
import org.eprescription.query.courses.UncheckedCourseRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which patients' alerts and courses a read cannot show as the whole picture (docs/alerts.md, "When the exchange does
 * not know"), so that an answer that shows them says {@code upToDate: false} instead of passing an empty or short list
 * off as "nothing found":
 * <ul>
 *   <li>events of the patient wait in the prescription view's or the alerts' dead-letter queue
 *       ({@code deadletterentry}; a sequence is one patient), with every later event of the patient behind them;</li>
 *   <li>the patient has a prescription or registered dispensing whose courses a command moved without a check
 *       ({@code unchecked_course}) and that may still run today: its courses were never recorded, so no alert names
 *       them and the medication list lacks them. The marks count as a command's check counts them: the condition is
 *       {@link UncheckedCourseRepository#STILL_UNCHECKED} ("After alerts were switched off");</li>
 *   <li>alerts are switched off ({@code exchange.alerts.enabled=false}): no check runs, so nothing is known of any
 *       patient's new courses.</li>
 * </ul>
 * One read-only statement for any number of patients, as a queue or a list asks, made of the selects that
 * {@link PendingLetters} and {@link UncheckedCourseRepository} keep, so that each condition is written once.
 */
@Component
public class AlertCompleteness {

    private static final String INCOMPLETE = PendingLetters.PATIENTS_WAITING + "\nunion\n"
            + UncheckedCourseRepository.PATIENTS_UNCHECKED;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final boolean alertsEnabled;

    public AlertCompleteness(JdbcClient jdbc, Clock clock, ExchangeProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.alertsEnabled = properties.alertsEnabled();
    }

    /** Those of {@code patients} whose alerts and courses may be incomplete. */
    public Set<PatientId> incompleteAmong(Collection<PatientId> patients) {
        if (patients.isEmpty()) {
            return Set.of();
        }
        if (!alertsEnabled) {
            return Set.copyOf(patients);
        }
        String[] ids = new LinkedHashSet<>(patients).stream().map(PatientId::value).toArray(String[]::new);
        return jdbc.sql(INCOMPLETE)
                .param("letterGroups", PendingLetters.LETTER_GROUPS)
                .param("patients", ids)
                .param("from", LocalDate.now(clock))
                .query(String.class)
                .list().stream().map(PatientId::of).collect(Collectors.toSet());
    }

    /** Whether the patient's alerts and courses are all the exchange would know of them. */
    public boolean complete(PatientId patient) {
        return incompleteAmong(Set.of(patient)).isEmpty();
    }
}
