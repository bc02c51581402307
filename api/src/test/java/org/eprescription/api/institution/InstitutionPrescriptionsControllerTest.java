package org.eprescription.api.institution;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.eprescription.api.prescription.PrescriptionResponse;
import org.eprescription.api.prescription.PrescriptionResponses;
import org.eprescription.api.prescription.PrescriptionStreams;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.query.prescription.FindPrescriptionsByInstitution;
import org.eprescription.query.prescription.PrescriptionView;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** An institution's list that stops at its limit says so; a shorter one does not. */
class InstitutionPrescriptionsControllerTest {

    private final QueryGateway queries = mock(QueryGateway.class);
    private final PrescriptionResponses responses = mock(PrescriptionResponses.class);
    private final InstitutionPrescriptionsController controller = new InstitutionPrescriptionsController(queries,
            responses, mock(PrescriptionStreams.class), mock(ResourceAccess.class), mock(AccessLog.class));

    @Test
    void aListCutAtItsLimitSaysItIsTruncated() {
        found(FindPrescriptionsByInstitution.LIMIT + 1);

        InstitutionPrescriptionsResponse answer = controller.get("HOSP-1");

        assertThat(answer.prescriptions()).hasSize(FindPrescriptionsByInstitution.LIMIT);
        assertThat(answer.truncated()).isTrue();
    }

    @Test
    void aListOfExactlyTheLimitIsWhole() {
        found(FindPrescriptionsByInstitution.LIMIT);

        assertThat(controller.get("HOSP-1").truncated()).as("said only when true").isNull();
    }

    private void found(int count) {
        List<PrescriptionView> views = IntStream.range(0, count).mapToObj(n -> {
            PrescriptionView view = mock(PrescriptionView.class);
            PatientDetails patient = mock(PatientDetails.class);
            when(patient.id()).thenReturn(PatientId.of("PAT-" + n));
            when(view.patient()).thenReturn(patient);
            return view;
        }).toList();
        when(queries.query(any(FindPrescriptionsByInstitution.class),
                eq(ResponseTypes.multipleInstancesOf(PrescriptionView.class))))
                .thenReturn(CompletableFuture.completedFuture(views));
        when(responses.withOpenAlerts(anyList())).thenAnswer(call -> ((List<?>) call.getArgument(0)).stream()
                .map(view -> mock(PrescriptionResponse.class)).toList());
    }
}
