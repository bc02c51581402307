package org.eprescription.api.support;

import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.query.prescription.PrescriptionViewProjection;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The projections' processor segments on this node, through the admin API: let go for a while, nothing is projected
 * meanwhile, as a view lagging under load would leave it (docs/http-api.md, "Retries").
 */
public final class ViewProjectionSegments {

    private static final String SEGMENTS = "/admin/projections/" + PrescriptionViewProjection.PROCESSING_GROUP
            + "/segments";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private ViewProjectionSegments() {
    }

    /** Waits until this node holds both segments again. */
    public static void awaitBothClaimed(HttpApi api) {
        await().atMost(WAIT).until(() -> api.get(SEGMENTS).body().path("claimedHere").size() == 2);
    }

    /** Lets both segments go for 40 seconds and waits until neither is held. */
    public static void pauseTheProjection(HttpApi api) {
        awaitBothClaimed(api);
        for (int segment = 0; segment < 2; segment++) {
            Response released = api.post(SEGMENTS + "/" + segment + "/release?for=PT40S", Map.of());
            assertThat(released.status()).as(released.toString()).isEqualTo(202);
        }
        await().atMost(WAIT).until(() -> api.get(SEGMENTS).body().path("claimedHere").isEmpty());
    }
}
