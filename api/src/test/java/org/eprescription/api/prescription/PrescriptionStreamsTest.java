package org.eprescription.api.prescription;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.api.stream.LiveStreams;
import org.eprescription.api.stream.SharedRenderings;
import org.eprescription.api.stream.StreamFormat;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.query.prescription.PrescriptionView;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * A pharmacy's queue stream never sends a prescription as another pharmacy now holds it: a release and another
 * pharmacy's accept can reach the stream as one change (one projection batch, or a change another node announced
 * and this one read back as stored), and that change ends the stream instead.
 */
class PrescriptionStreamsTest {

    private static final PharmacyId RELEASED = PharmacyId.of("PH-A");
    private static final PharmacyId NOW_HOLDING = PharmacyId.of("PH-B");

    private final LiveStreams streams = mock(LiveStreams.class);
    private final ResourceAccess access = mock(ResourceAccess.class);
    private final PrescriptionStreams prescriptionStreams = new PrescriptionStreams(streams,
            mock(SharedRenderings.class), mock(PrescriptionResponses.class), mock(PrescriptionReads.class), access);

    @Test
    void aQueueStreamEndsAtAChangeItsPharmacyMayNotReadAndSendsTheReleaseItself() {
        // as ResourceAccess.readerOfPrescriptions answers for a pharmacist of PH-A that never dispensed it
        when(access.readerOfPrescriptions()).thenReturn(view -> RELEASED.equals(view.pharmacyId()));

        prescriptionStreams.list("the queue of PH-A", ResponseTypes.instanceOf(Object.class),
                initial -> Stream.empty(), initial -> initial);

        @SuppressWarnings("unchecked")
        ArgumentCaptor<StreamFormat<Object>> format = ArgumentCaptor.forClass(StreamFormat.class);
        verify(streams).open(any(), any(), format.capture());
        assertThat(format.getValue().stillReadable(heldBy(RELEASED))).isTrue();
        assertThat(format.getValue().stillReadable(heldBy(null))).as("the release reaches its former holder").isTrue();
        assertThat(format.getValue().stillReadable(heldBy(NOW_HOLDING))).as("another pharmacy's hold").isFalse();
    }

    private static PrescriptionView heldBy(PharmacyId pharmacy) {
        PrescriptionView view = mock(PrescriptionView.class);
        when(view.pharmacyId()).thenReturn(pharmacy);
        return view;
    }
}
