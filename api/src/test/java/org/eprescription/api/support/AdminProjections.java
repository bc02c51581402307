package org.eprescription.api.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The projections as {@code /admin/projections} shows them to an auditor, for the replay and verify tests. */
public final class AdminProjections {

    private final HttpApi api;

    public AdminProjections(HttpApi api) {
        this.api = api;
    }

    /** The projection's entry in {@code GET /admin/projections}. */
    public JsonNode state(String projection) {
        for (JsonNode status : api.get("/admin/projections").body().path("projections")) {
            if (status.path("name").asText().equals(projection)) {
                return status;
            }
        }
        throw new AssertionError("no projection " + projection);
    }

    /** Waits until the projection is LIVE again (its replay over) and answers its state then. */
    public JsonNode awaitLive(String projection, Duration timeout) {
        await().atMost(timeout).until(() -> state(projection).path("state").asText().equals("LIVE"));
        return state(projection);
    }

    /** {@code POST /admin/projections/{name}/verify}, answered 200: its report. */
    public JsonNode verify(String projection) {
        HttpApi.Response verified = api.post("/admin/projections/" + projection + "/verify", Map.of());
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        return verified.body();
    }
}
