package org.eprescription.api.stream;

import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.consent.ConsentChanges;
import org.eprescription.query.prescription.PrescriptionView;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

class SharedRenderingsTest {

    private final ConsentChanges consents = new ConsentChanges(mock(JdbcClient.class));
    private final SharedRenderings renderings = new SharedRenderings(new ObjectMapper(), consents);
    private final AtomicInteger rendered = new AtomicInteger();

    private static PrescriptionView change(PrescriptionId id, long position, long version) {
        return new PrescriptionView(id, null, null, null, null, 0, 0, 0, null, null, false, null, null, null, null,
                null, null, version, null, null, position);
    }

    private Object render(PrescriptionView view) {
        return "rendering " + rendered.incrementAndGet();
    }

    @Test
    void oneChangeIsRenderedOnceForEveryStreamThatShowsIt() {
        PrescriptionView accepted = change(PrescriptionId.random(), 41, 1);

        String first = renderings.json("open-alerts", accepted, this::render);
        String second = renderings.json("open-alerts", accepted, this::render);

        assertThat(second).isSameAs(first);
        assertThat(rendered).hasValue(1);
    }

    @Test
    void anotherChangeOrAnotherShapeIsRenderedAgain() {
        PrescriptionId id = PrescriptionId.random();
        renderings.json("open-alerts", change(id, 41, 1), this::render);
        renderings.json("open-alerts", change(id, 57, 2), this::render);
        renderings.json("all-alerts", change(id, 57, 2), this::render);

        assertThat(rendered).hasValue(3);
    }

    @Test
    void aChangeIsRenderedAgainAfterAPatientsConsentChanged() {
        PrescriptionView accepted = change(PrescriptionId.random(), 41, 1);
        String underConsent = renderings.json("all-alerts", accepted, this::render);

        consents.changedElsewhere();

        assertThat(renderings.json("all-alerts", accepted, this::render)).isNotEqualTo(underConsent);
        assertThat(rendered).hasValue(2);
    }

    @Test
    void aRenderingMadeWhileAConsentChangedIsNotSharedAfterwards() {
        PrescriptionView accepted = change(PrescriptionId.random(), 41, 1);
        renderings.json("all-alerts", accepted, view -> {
            Object body = render(view);
            consents.changedElsewhere();
            return body;
        });

        renderings.json("all-alerts", accepted, this::render);

        assertThat(rendered).hasValue(2);
    }

    @Test
    void aFailedRenderingIsNotRemembered() {
        PrescriptionView accepted = change(PrescriptionId.random(), 41, 1);
        assertThatThrownBy(() -> renderings.json("open-alerts", accepted, view -> {
            throw new IllegalStateException("store away");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(renderings.json("open-alerts", accepted, this::render)).isEqualTo("\"rendering 1\"");
    }

    @Test
    void onlyRecentChangesAreKept() {
        PrescriptionId id = PrescriptionId.random();
        for (int position = 0; position <= SharedRenderings.REMEMBERED; position++) {
            renderings.json("open-alerts", change(id, position, position), this::render);
        }
        renderings.json("open-alerts", change(id, 0, 0), this::render);

        assertThat(rendered).hasValue(SharedRenderings.REMEMBERED + 2);
    }
}
