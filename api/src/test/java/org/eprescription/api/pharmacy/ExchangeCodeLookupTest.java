package org.eprescription.api.pharmacy;

import org.eprescription.api.prescription.PrescriptionViews;
import org.eprescription.api.eventlog.PrescriptionsFromEvents;
import org.eprescription.api.problem.ProblemException;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.core.prescription.PrescriberDetails;
import org.eprescription.core.prescription.PrescriptionStatus;
import org.eprescription.query.codes.LiveExchangeCode;
import org.eprescription.query.codes.LiveExchangeCodeRepository;
import org.eprescription.query.prescription.ExchangeCodeHolder;
import org.eprescription.query.prescription.PrescriptionView;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** A live code is found whatever the view has taken in; only a final one is looked up in the view. */
class ExchangeCodeLookupTest {

    private static final PrescriptionId ID = PrescriptionId.random();
    private static final List<String> HASHES = List.of("hash-k1", "hash-k2");

    private final LiveExchangeCodeRepository liveCodes = mock(LiveExchangeCodeRepository.class);
    private final PrescriptionViews views = mock(PrescriptionViews.class);
    private final PrescriptionsFromEvents fromEvents = mock(PrescriptionsFromEvents.class);
    private final ExchangeCodeLookup lookup = new ExchangeCodeLookup(liveCodes, views, fromEvents);

    @Test
    void aLiveCodeWhosePrescriptionTheViewLacksIsReadFromItsEvents() {
        when(liveCodes.findHolder(HASHES)).thenReturn(Optional.of(new LiveExchangeCode("hash-k2", ID)));
        when(views.find(ID)).thenReturn(Optional.empty());
        when(fromEvents.read(ID)).thenReturn(Optional.of(view()));

        Optional<ExchangeCodeHolder> holder = lookup.holderOf(HASHES);

        assertThat(holder).hasValueSatisfying(found -> {
            assertThat(found.view().prescriptionId()).isEqualTo(ID);
            assertThat(found.exchangeCodeHash()).isEqualTo("hash-k2");
        });
        verify(views, never()).findExchangeCodeHolder(HASHES);
    }

    @Test
    void aLiveCodeWhosePrescriptionCannotBeReadIsUnavailableNotUnknown() {
        when(liveCodes.findHolder(HASHES)).thenReturn(Optional.of(new LiveExchangeCode("hash-k1", ID)));
        when(views.find(ID)).thenReturn(Optional.empty());
        when(fromEvents.read(ID)).thenThrow(new DataAccessResourceFailureException("store away"));

        assertThatThrownBy(() -> lookup.holderOf(HASHES)).isInstanceOfSatisfying(ProblemException.class,
                problem -> assertThat(problem.status().value()).isEqualTo(503));
    }

    @Test
    void aCodeNoLivePrescriptionHoldsIsLookedUpInTheView() {
        when(liveCodes.findHolder(HASHES)).thenReturn(Optional.empty());
        when(views.findExchangeCodeHolder(HASHES)).thenReturn(Optional.empty());

        assertThat(lookup.holderOf(HASHES)).isEmpty();
        verify(views).findExchangeCodeHolder(HASHES);
    }

    private static PrescriptionView view() {
        LocalDate birthDate = LocalDate.of(1958, 4, 2);
        return new PrescriptionView(ID, PrescriptionStatus.ISSUED,
                new PatientDetails(PatientId.of("PAT-1"), birthDate, null),
                new PrescriberDetails(PrescriberId.of("DOC-1"), InstitutionId.of("HOSP-1")), List.of(), 0, 1, 1,
                birthDate.plusYears(70), null, false, null, null, List.of(), Instant.EPOCH, LocalDate.EPOCH,
                Instant.EPOCH, 1, null, null, -1);
    }
}
