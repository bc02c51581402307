package org.eprescription.api.support;

import org.eprescription.api.support.PrescriptionLoad.Answer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a store must look like after a fault, read straight from its tables: the event store holds every
 * acknowledged command, once, in gapless sequences, and the prescription view converges to it.
 */
public final class StoreConsistency {

    private static final String EVENT_PACKAGE = "org.eprescription.core.prescription.event.";

    private final JdbcClient jdbc;

    public StoreConsistency(String url, String user, String password) {
        this.jdbc = JdbcClient.create(new DriverManagerDataSource(url, user, password));
    }

    /** The event types (simple names) of one prescription, in sequence order. */
    public List<String> events(String prescriptionId) {
        return jdbc.sql("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber")
                .param(prescriptionId).query(String.class).list().stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    /** Every acknowledged step has its event in the store, exactly once. */
    public void assertAcknowledgedAreStored(List<Answer> answers) {
        for (Answer answer : answers) {
            if (answer.acknowledged()) {
                assertThat(events(answer.prescriptionId()))
                        .as("%s of %s was acknowledged", answer.step(), answer.prescriptionId())
                        .containsOnlyOnce(answer.step().event);
            }
        }
    }

    /** Each prescription's events run 0, 1, 2, ... without a gap, and no event identifier appears twice. */
    public void assertSequencesAreWhole() {
        List<String> broken = jdbc.sql("""
                        SELECT aggregateidentifier FROM domainevententry GROUP BY aggregateidentifier
                        HAVING count(*) <> max(sequencenumber) + 1 OR min(sequencenumber) <> 0
                            OR count(DISTINCT eventidentifier) <> count(*)""")
                .query(String.class).list();
        assertThat(broken).as("prescriptions with a gap or a repeat in their events").isEmpty();
    }

    /** Waits until every prescription's view has the version and status its last event gives, and no other view. */
    public void awaitViewsConverge(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            // the version is the last event's; the status is the last lifecycle event's (an interaction check that
            // follows an issue or a dispensing changes no status)
            Map<String, String> expected = jdbc.sql("""
                            SELECT l.aggregateidentifier, l.last, e.payloadtype FROM domainevententry e
                            JOIN (SELECT aggregateidentifier, max(sequencenumber) AS last,
                                         max(sequencenumber) FILTER (WHERE payloadtype NOT LIKE '%.InteractionCheckCompleted')
                                             AS lifecycle
                                  FROM domainevententry WHERE type = 'Prescription' GROUP BY aggregateidentifier) l
                              ON l.aggregateidentifier = e.aggregateidentifier AND l.lifecycle = e.sequencenumber""")
                    .query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2) + " " + status(rs.getString(3))))
                    .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            Map<String, String> views = jdbc.sql("SELECT prescription_id::text, version, status FROM prescription_view")
                    .query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2) + " " + rs.getString(3)))
                    .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertThat(views).containsExactlyInAnyOrderEntriesOf(expected);
        });
    }

    private static String status(String lastEventType) {
        return switch (lastEventType.replace(EVENT_PACKAGE, "")) {
            case "PrescriptionIssued" -> "ISSUED";
            case "PrescriptionAccepted" -> "ACCEPTED";
            case "PrescriptionCompleted" -> "COMPLETED";
            default -> throw new IllegalStateException("the load does not produce " + lastEventType);
        };
    }
}
