package org.eprescription.api.servicedesk;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.query.prescription.FindStuckPrescriptions;
import org.eprescription.query.prescription.PrescriptionView;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** A list that stops at its limit says so; a shorter one does not (and every patient shown is in the access log). */
class StuckPrescriptionsControllerTest {

    private final QueryGateway queries = mock(QueryGateway.class);
    private final AccessLog accessLog = mock(AccessLog.class);
    private final StuckPrescriptionsController controller = new StuckPrescriptionsController(queries,
            Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC), accessLog);

    @Test
    void aListCutAtItsLimitSaysItIsTruncated() {
        found(FindStuckPrescriptions.LIMIT + 1);

        StuckPrescriptionsResponse answer = controller.stuck(Duration.ofHours(48));

        assertThat(answer.prescriptions()).hasSize(FindStuckPrescriptions.LIMIT);
        assertThat(answer.truncated()).isTrue();
        verify(accessLog).read(sizeOf(FindStuckPrescriptions.LIMIT), anyString());
    }

    @Test
    void aListOfExactlyTheLimitIsWhole() {
        found(FindStuckPrescriptions.LIMIT);

        StuckPrescriptionsResponse answer = controller.stuck(Duration.ofHours(48));

        assertThat(answer.prescriptions()).hasSize(FindStuckPrescriptions.LIMIT);
        assertThat(answer.truncated()).as("said only when true").isNull();
    }

    private void found(int count) {
        List<PrescriptionView> views = IntStream.range(0, count).mapToObj(StuckPrescriptionsControllerTest::view)
                .toList();
        when(queries.query(any(FindStuckPrescriptions.class),
                eq(ResponseTypes.multipleInstancesOf(PrescriptionView.class))))
                .thenReturn(CompletableFuture.completedFuture(views));
    }

    private static PrescriptionView view(int n) {
        PrescriptionView view = mock(PrescriptionView.class);
        PatientDetails patient = mock(PatientDetails.class);
        when(patient.id()).thenReturn(PatientId.of("PAT-" + n));
        when(view.patient()).thenReturn(patient);
        return view;
    }

    private static Collection<PatientId> sizeOf(int size) {
        return argThat(patients -> patients.size() == size);
    }
}
