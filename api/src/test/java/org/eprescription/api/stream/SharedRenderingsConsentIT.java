package org.eprescription.api.stream;

import org.eprescription.api.prescription.PrescriptionResponses;
import org.eprescription.api.prescription.PrescriptionViews;
import org.eprescription.api.support.CrossInstitutionTest;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.IssuedPrescription;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.prescription.PrescriptionView;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_GENERIC;
import static org.eprescription.api.support.Prescriptions.issueFor;

/**
 * A change that live streams share one rendering of is rendered anew once the patient withdrew consent: a stream that
 * shows it after the withdrawal answered (a client slower than another, say) must not get the other institution's
 * course named as the earlier rendering named it (docs/alerts.md, "Privacy").
 */
class SharedRenderingsConsentIT extends CrossInstitutionTest {

    @Autowired
    SharedRenderings renderings;

    @Autowired
    PrescriptionResponses responses;

    @Autowired
    PrescriptionViews views;

    @Test
    void aChangeRenderedUnderConsentIsNotSharedAfterTheConsentIsWithdrawn() {
        assertThat(consent(true).status()).isEqualTo(200);
        issued(issueFor(patient, otherInstitution, AMLODIPINE_BRAND, 28));
        IssuedPrescription mine = issued(issueFor(patient, institution, AMLODIPINE_GENERIC, 28));
        await().atMost(Duration.ofSeconds(10)).until(() -> !api().get(mine.path()).body().path("alerts").isEmpty());
        PrescriptionView change = views.find(new PrescriptionId(UUID.fromString(mine.id()))).orElseThrow();
        assertThat(renderings.json("all-alerts", change, responses::current))
                .as("with consent the other institution's course is named").contains(otherInstitution);

        assertThat(consent(false).status()).isEqualTo(200);

        assertThat(renderings.json("all-alerts", change, responses::current))
                .as("rendered again, masked").doesNotContain(otherInstitution);
    }

    private HttpApi.Response consent(boolean sharingAllowed) {
        return api().put("/patients/" + patient + "/consent", Map.of("sharingAllowed", sharingAllowed));
    }
}
