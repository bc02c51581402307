package org.eprescription.api.prescription;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.eprescription.api.config.ExchangeProperties;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.api.security.CurrentUser;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.api.stream.LiveStreams;
import org.eprescription.api.stream.SharedRenderings;
import org.eprescription.api.stream.StreamFormat;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.query.prescription.PrescriptionView;
import org.eprescription.query.prescription.PrescriptionViewUpdates;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * A prescription's stream shows as its snapshot the view its access check admitted. A pharmacy's queue stream never
 * sends a prescription as another pharmacy now holds it: a release and another
 * pharmacy's accept can reach the stream as one change (one projection batch, or a change another node announced
 * and this one read back as stored), and that change ends the stream instead.
 */
class PrescriptionStreamsTest {

    private static final PharmacyId RELEASED = PharmacyId.of("PH-A");
    private static final PharmacyId NOW_HOLDING = PharmacyId.of("PH-B");

    private final LiveStreams streams = mock(LiveStreams.class);
    private final ResourceAccess access = mock(ResourceAccess.class);
    private final AccessLog accessLog = mock(AccessLog.class);
    private final PrescriptionStreams prescriptionStreams = new PrescriptionStreams(streams,
            mock(SharedRenderings.class), mock(PrescriptionResponses.class), mock(PrescriptionReads.class), access,
            accessLog);

    @Test
    void aQueueStreamEndsAtAChangeItsPharmacyMayNotReadAndSendsTheReleaseItself() {
        // as ResourceAccess.readerOfPrescriptions answers for a pharmacist of PH-A that never dispensed it
        when(access.readerOfPrescriptions()).thenReturn(view -> RELEASED.equals(view.pharmacyId()));

        prescriptionStreams.list("the queue of PH-A", ResponseTypes.instanceOf(Object.class),
                initial -> Stream.empty(), initial -> initial, "dispensing view of pharmacy PH-A");

        @SuppressWarnings("unchecked")
        ArgumentCaptor<StreamFormat<Object>> format = ArgumentCaptor.forClass(StreamFormat.class);
        verify(streams).open(any(), any(), format.capture());
        assertThat(format.getValue().stillReadable(heldBy(RELEASED))).isTrue();
        assertThat(format.getValue().stillReadable(heldBy(null))).as("the release reaches its former holder").isTrue();
        assertThat(format.getValue().stillReadable(heldBy(NOW_HOLDING))).as("another pharmacy's hold").isFalse();
    }

    @Test
    void aChangeThatBringsAPatientTheStreamHasNotShownIsInThatPatientsAccessLogOnce() {
        when(access.readerOfPrescriptions()).thenReturn(view -> true);
        PrescriptionView shownInSnapshot = ofPatient("PAT-1");
        prescriptionStreams.list("the queue of PH-A", ResponseTypes.instanceOf(Object.class),
                initial -> Stream.of(shownInSnapshot), initial -> initial, "dispensing view of pharmacy PH-A");
        @SuppressWarnings("unchecked")
        ArgumentCaptor<StreamFormat<Object>> format = ArgumentCaptor.forClass(StreamFormat.class);
        verify(streams).open(any(), any(), format.capture());
        format.getValue().snapshot("the snapshot");

        format.getValue().beforeChange(shownInSnapshot);
        format.getValue().beforeChange(ofPatient("PAT-2"));
        format.getValue().beforeChange(ofPatient("PAT-2"));

        verify(accessLog).read(any(), eq(List.of(PatientId.of("PAT-2"))), eq("dispensing view of pharmacy PH-A"));
        verify(accessLog, never()).read(any(), eq(List.of(PatientId.of("PAT-1"))), anyString());
    }

    @Test
    void aPrescriptionStreamsSnapshotIsTheViewItsAccessCheckReadNotAReadAfterIt() {
        PrescriptionId id = PrescriptionId.random();
        PrescriptionView checked = heldBy(RELEASED);
        // between the check and a second read, PH-A released it and PH-B accepted it
        PrescriptionView later = heldBy(NOW_HOLDING);
        QueryGateway gateway = mock(QueryGateway.class);
        when(gateway.query(any(), any(ResponseType.class))).thenReturn(CompletableFuture.completedFuture(
                Optional.of(later)));
        PrescriptionViewUpdates updates = mock(PrescriptionViewUpdates.class);
        when(updates.follow(any(), any())).thenReturn(() -> true);
        ExchangeProperties properties = mock(ExchangeProperties.class);
        when(properties.streams()).thenReturn(new ExchangeProperties.Streams(Duration.ofMinutes(1), 10,
                Duration.ofMinutes(5), 1));
        PrescriptionReads reads = mock(PrescriptionReads.class);
        when(reads.readable(eq(id), anyString())).thenReturn(checked);
        PrescriptionResponses responses = mock(PrescriptionResponses.class);
        when(access.readerOfPrescriptions()).thenReturn(view -> RELEASED.equals(view.pharmacyId()));

        SseEmitter stream = new PrescriptionStreams(new LiveStreams(gateway, updates, Schedulers.immediate(),
                properties, mock(CurrentUser.class)), mock(SharedRenderings.class), responses, reads, access,
                accessLog).prescription(id);

        verify(responses).current(checked);
        verify(responses, never()).current(later);
        stream.complete();
    }

    @Test
    void aSnapshotReadFromTheEventsSaysSoAndTheProjectionsOlderChangesNeitherReplaceItNorEndTheStream() {
        PrescriptionId id = PrescriptionId.random();
        PrescriptionResponses responses = mock(PrescriptionResponses.class);
        PrescriptionResponse rendered = mock(PrescriptionResponse.class);
        when(responses.current(any())).thenReturn(rendered);
        when(access.readerOfPrescriptions()).thenReturn(view -> NOW_HOLDING.equals(view.pharmacyId()));
        new PrescriptionStreams(streams, mock(SharedRenderings.class), responses, mock(PrescriptionReads.class),
                access, accessLog).prescription(id);
        @SuppressWarnings("unchecked")
        ArgumentCaptor<StreamFormat<PrescriptionView>> format = ArgumentCaptor.forClass(StreamFormat.class);
        verify(streams).openWithSnapshot(any(), any(), format.capture());
        // PH-B accepted right after PH-A released; the projection has not taken in either yet
        PrescriptionView fromEvents = version(heldBy(NOW_HOLDING), 6, -1);

        format.getValue().snapshot(fromEvents);

        verify(rendered).notUpToDate();
        assertThat(format.getValue().alreadyShown(version(heldBy(null), 5, 40))).as("the release before it").isTrue();
        assertThat(format.getValue().alreadyShown(version(heldBy(NOW_HOLDING), 6, 41)))
                .as("the same version, told again when its alerts change").isFalse();
    }

    private static PrescriptionView version(PrescriptionView view, long version, long position) {
        when(view.version()).thenReturn(version);
        when(view.lastPosition()).thenReturn(position);
        return view;
    }

    private static PrescriptionView ofPatient(String patient) {
        PrescriptionView view = mock(PrescriptionView.class);
        PatientDetails details = mock(PatientDetails.class);
        when(details.id()).thenReturn(PatientId.of(patient));
        when(view.patient()).thenReturn(details);
        return view;
    }

    private static PrescriptionView heldBy(PharmacyId pharmacy) {
        PrescriptionView view = mock(PrescriptionView.class);
        when(view.pharmacyId()).thenReturn(pharmacy);
        return view;
    }
}
