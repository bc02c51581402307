package org.eprescription.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.TextResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every export is in the bulk read log that auditors read at {@code GET /audit/bulk-reads} (docs/operations.md,
 * "Audit"): who, when, the filter, how many lines and whether it completed; one entry per export, not per patient.
 */
class BulkReadLogIT extends ExchangeIntegrationTest {

    @Test
    void anExportOfTheEventsIsRecordedWithItsFilterItsLinesAndItsEnd() {
        acceptedBy("PH-A");
        // a window of its own, so that the entry is recognised by it, that begins before the accept it exports
        Instant from = Instant.now().minusSeconds(60 + ThreadLocalRandom.current().nextInt(1 << 24))
                .truncatedTo(ChronoUnit.SECONDS);
        Instant to = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        String path = "/audit/events?from=" + from + "&to=" + to + "&type=PrescriptionAccepted";

        TextResponse export = api().getText(path);

        assertThat(export.status()).isEqualTo(200);
        List<String> lines = export.lines();
        long events = json(lines.get(lines.size() - 1)).path("events").asLong();
        JsonNode entry = completedEntry(from);
        assertThat(entry.path("accessorId").asText()).isEqualTo("AUD-1");
        assertThat(entry.path("role").asText()).isEqualTo("AUDITOR");
        assertThat(entry.path("what").asText()).isEqualTo("events");
        assertThat(Instant.parse(entry.path("to").asText())).isEqualTo(to);
        assertThat(entry.path("type").asText()).isEqualTo("PrescriptionAccepted");
        assertThat(entry.path("lines").asLong()).isEqualTo(events).isPositive();
        assertThat(entry.path("outcome").asText()).isEqualTo("COMPLETE");
        assertThat(entry.path("startedAt").asText()).isNotBlank();
        assertThat(entry.path("endedAt").asText()).isNotBlank();
    }

    @Test
    void thePseudonymizedExportIsRecordedToo() {
        Instant from = Instant.parse("2021-01-01T00:00:00Z").plusSeconds(ThreadLocalRandom.current().nextInt(1 << 30))
                .truncatedTo(ChronoUnit.SECONDS);

        assertThat(api().getText("/audit/export?from=" + from).status()).isEqualTo(200);

        JsonNode entry = completedEntry(from);
        assertThat(entry.path("what").asText()).isEqualTo("pseudonymized events");
        assertThat(entry.path("outcome").asText()).isEqualTo("COMPLETE");
    }

    /** The entry of the export from {@code from}, once its end is recorded (right after its last line is sent). */
    private JsonNode completedEntry(Instant from) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode reads = api().get("/audit/bulk-reads").body().path("reads");
            assertThat(reads).anySatisfy(read -> {
                assertThat(read.path("from").asText()).isNotBlank();
                assertThat(Instant.parse(read.path("from").asText())).isEqualTo(from);
                assertThat(read.path("outcome").isNull()).isFalse();
                found[0] = read;
            });
        });
        return found[0];
    }
}
