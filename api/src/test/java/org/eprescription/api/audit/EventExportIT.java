package org.eprescription.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.TextResponse;
import org.eprescription.api.support.IssuedPrescription;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.unique;

class EventExportIT extends ExchangeIntegrationTest {

    @Test
    void everyEventIsStreamedInGlobalOrderAsItWasStored() {
        IssuedPrescription first = acceptedBy("PH-A");
        IssuedPrescription second = issued(issue(unique("HOSP")));

        TextResponse export = api().getText("/audit/events");

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        List<JsonNode> all = parse(export);
        assertThat(all).extracting(line -> line.path("globalIndex").asLong()).isSorted().doesNotHaveDuplicates();
        List<JsonNode> ours = of(all, first.id(), second.id());
        assertThat(ours).extracting(line -> line.path("type").asText())
                .containsExactly("PrescriptionIssued", "InteractionCheckCompleted", "PrescriptionAccepted",
                        "PrescriptionIssued", "InteractionCheckCompleted");
        assertThat(ours).extracting(line -> line.path("sequence").asLong()).containsExactly(0L, 1L, 2L, 0L, 1L);
        JsonNode stored = api().get("/audit" + first.path() + "/events").body();
        assertThat(ours.get(0).path("payload")).isEqualTo(stored.get(0).path("payload"));
        assertThat(ours.get(0).path("metadata")).isEqualTo(stored.get(0).path("metadata"));
        assertThat(ours.get(2).path("timestamp").asText()).isEqualTo(stored.get(2).path("timestamp").asText());
        assertThat(ours.get(2).path("metadata").path("actorRole").asText()).isEqualTo("PHARMACIST");
    }

    @Test
    void theExportIsFilteredByTypeAndByAHalfOpenTimeRange() {
        IssuedPrescription first = acceptedBy("PH-A");
        IssuedPrescription second = issued(issue(unique("HOSP")));
        Instant secondIssuedAt = Instant.parse(
                api().get("/audit" + second.path() + "/events").body().get(0).path("timestamp").asText());

        List<JsonNode> accepted = parse(api().getText("/audit/events?type=PrescriptionAccepted"));
        List<JsonNode> fromSecond = parse(api().getText("/audit/events?from=" + secondIssuedAt));
        List<JsonNode> untilSecond = parse(api().getText("/audit/events?to=" + secondIssuedAt));

        assertThat(accepted).extracting(line -> line.path("type").asText()).containsOnly("PrescriptionAccepted");
        assertThat(of(accepted, first.id(), second.id())).hasSize(1);
        // the second's issue and its interaction check
        assertThat(of(fromSecond, first.id(), second.id())).extracting(line -> line.path("prescriptionId").asText())
                .containsExactly(second.id(), second.id());
        assertThat(of(untilSecond, first.id(), second.id())).extracting(line -> line.path("type").asText())
                .containsExactly("PrescriptionIssued", "InteractionCheckCompleted", "PrescriptionAccepted");
    }

    @Test
    void theLastLineSaysTheExportIsCompleteAndHowManyEventLinesItHas() {
        acceptedBy("PH-A");
        Instant never = Instant.parse("1999-01-01T00:00:00Z");

        for (String path : List.of("/audit/events", "/audit/export")) {
            List<String> lines = api().getText(path).lines();
            JsonNode last = json(lines.get(lines.size() - 1));
            assertThat(last).as(path).isEqualTo(json("{\"complete\":true,\"events\":" + (lines.size() - 1) + "}"));
            assertThat(lines.subList(0, lines.size() - 1)).as(path).isNotEmpty()
                    .allSatisfy(line -> assertThat(json(line).has("globalIndex")).isTrue());
            assertThat(api().getText(path + "?to=" + never).lines()).as("nothing to export is still complete")
                    .containsExactly("{\"complete\":true,\"events\":0}");
        }
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsABadRequest() {
        Instant now = Instant.now();

        TextResponse export = api().getText("/audit/events?from=" + now + "&to=" + now.minusSeconds(1));

        assertThat(export.status()).isEqualTo(400);
        assertThat(export.contentType()).startsWith("application/problem+json");
    }

    /** The event lines, without the last, which says the export is complete. */
    private List<JsonNode> parse(TextResponse export) {
        assertThat(export.status()).as(export.text()).isEqualTo(200);
        List<JsonNode> lines = export.lines().stream().map(this::json).toList();
        assertThat(lines.get(lines.size() - 1).path("complete").asBoolean()).as(export.text()).isTrue();
        return lines.subList(0, lines.size() - 1);
    }

    private static List<JsonNode> of(List<JsonNode> lines, String... prescriptionIds) {
        Set<String> ids = Set.of(prescriptionIds);
        return lines.stream().filter(line -> ids.contains(line.path("prescriptionId").asText())).toList();
    }
}
