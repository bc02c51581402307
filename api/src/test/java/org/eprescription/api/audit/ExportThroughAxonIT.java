package org.eprescription.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.eprescription.api.eventlog.AxonEventLog;
import org.eprescription.api.eventlog.EventFilter;
import org.eprescription.api.eventlog.EventLog;
import org.eprescription.api.eventlog.JdbcEventLog;
import org.eprescription.api.support.AdminProjections;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.IssuedPrescription;
import org.eprescription.api.support.StoredEvents;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;


import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * The export read through Axon's streaming API ({@link AxonEventLog}, what runs on Axon Server) against the export
 * read from the event table ({@link JdbcEventLog}, what runs here), over the same stored events: the same lines,
 * byte for byte, except for an event stored under an older revision, which only the former upcasts.
 */
class ExportThroughAxonIT extends ExchangeIntegrationTest {

    @Autowired
    private EventLog wired;

    @Autowired
    private EventStore eventStore;

    @Autowired
    @Qualifier("eventSerializer")
    private Serializer eventSerializer;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private StoredEvents storedEvents;

    @Test
    void onTheJdbcEventStoreTheEventTableIsReadDirectly() {
        assertThat(wired).isInstanceOf(JdbcEventLog.class);
    }

    @Test
    void throughAxonTheExportWritesTheSameLinesAsFromTheEventTable() {
        IssuedPrescription first = acceptedBy("PH-A");
        IssuedPrescription second = issued(issue(unique("HOSP")));
        Set<String> ours = Set.of(first.id(), second.id());
        EventLog axon = new AxonEventLog(eventStore, eventSerializer);

        List<String> all = lines(wired, new EventFilter(null, null, null), ours);
        Instant secondIssuedAt = Instant.parse(json(all.get(3)).path("timestamp").asText());

        assertThat(all).hasSize(5);
        assertThat(lines(axon, new EventFilter(null, null, null), ours)).isEqualTo(all);
        for (EventFilter filter : List.of(new EventFilter(null, null, "PrescriptionAccepted"),
                new EventFilter(secondIssuedAt, null, null), new EventFilter(null, secondIssuedAt, null))) {
            List<String> fromTable = lines(wired, filter, ours);
            assertThat(fromTable).as("%s", filter).isNotEmpty();
            assertThat(lines(axon, filter, ours)).as("%s", filter).isEqualTo(fromTable);
        }
        assertThat(axon.head()).isEqualTo(wired.head());
    }

    @Test
    void anEventStoredUnderAnOlderRevisionGoesOutAsStoredFromTheTableAndUpcastThroughAxon() {
        String id = UUID.randomUUID().toString();
        storedEvents.storeRevisionOneIssue(id, "export-revision-one-");
        // as the first start after an upgrade does (V166): the commands' tables never saw the stored event, and the
        // verify after each test compares them with a replay
        for (String projection : List.of("unchecked-course", "live-exchange-code")) {
            assertThat(api().post("/admin/projections/" + projection + "/replay", Map.of()).status()).isEqualTo(202);
            new AdminProjections(api()).awaitLive(projection, Duration.ofSeconds(30));
        }
        EventLog axon = new AxonEventLog(eventStore, eventSerializer);

        JsonNode fromTable = json(lines(wired, new EventFilter(null, null, null), Set.of(id)).get(0));
        JsonNode throughAxon = json(lines(axon, new EventFilter(null, null, null), Set.of(id)).get(0));

        assertThat(fromTable.path("payload").has("exchangeCodeKeyId")).isFalse();
        assertThat(fromTable.path("revision").asText()).as("the line says which shape it copied").isEqualTo("1");
        assertThat(throughAxon.path("payload").path("exchangeCodeKeyId").asText()).isEqualTo("k1");
        assertThat(throughAxon.path("revision").asText()).as("the current shape, upcast")
                .isEqualTo(PrescriptionIssued.class.getAnnotation(org.axonframework.serialization.Revision.class)
                        .value());
        assertThat(throughAxon.path("globalIndex")).isEqualTo(fromTable.path("globalIndex"));
        assertThat(throughAxon.path("metadata")).isEqualTo(fromTable.path("metadata"));
    }

    private List<String> lines(EventLog events, EventFilter filter, Set<String> prescriptionIds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            EventLineWriter writer = new EventLineWriter(objectMapper, out);
            events.forEach(filter, writer::write);
            writer.complete();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.stream(out.toString(StandardCharsets.UTF_8).split("\n"))
                .filter(line -> !line.isEmpty())
                .filter(line -> prescriptionIds.contains(json(line).path("prescriptionId").asText()))
                .toList();
    }
}
