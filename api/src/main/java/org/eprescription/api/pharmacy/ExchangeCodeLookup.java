package org.eprescription.api.pharmacy;

import lombok.RequiredArgsConstructor;
import org.eprescription.api.prescription.PrescriptionViews;
import org.eprescription.api.eventlog.PrescriptionsFromEvents;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.codes.LiveExchangeCode;
import org.eprescription.query.codes.LiveExchangeCodeRepository;
import org.eprescription.query.prescription.ExchangeCodeHolder;
import org.eprescription.query.prescription.PrescriptionView;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The prescription a typed code names (docs/domain.md, "The exchange code"). A live prescription is found in
 * {@code live_exchange_code}, which the issue wrote in its own transaction, so it is never behind: a prescription the
 * view has not taken in yet (lag, or its patient's events held in the dead-letter queue) is read from its own events.
 * Only a final prescription's code, no longer live, is looked up in the view. A live code whose prescription cannot
 * be read at all is {@link ExchangeCodeUnreadableException} (503), never "unknown".
 */
@Component
@RequiredArgsConstructor
public class ExchangeCodeLookup {

    private final LiveExchangeCodeRepository liveCodes;
    private final PrescriptionViews views;
    private final PrescriptionsFromEvents fromEvents;

    public Optional<ExchangeCodeHolder> holderOf(List<String> exchangeCodeHashes) {
        Optional<LiveExchangeCode> live = liveCodes.findHolder(exchangeCodeHashes);
        if (live.isEmpty()) {
            return views.findExchangeCodeHolder(exchangeCodeHashes);
        }
        PrescriptionId id = live.get().prescriptionId();
        PrescriptionView view = views.find(id).orElseGet(() -> fromEventsOf(id));
        return Optional.of(new ExchangeCodeHolder(view, live.get().codeHash()));
    }

    private PrescriptionView fromEventsOf(PrescriptionId id) {
        try {
            return fromEvents.read(id).orElseThrow(() -> new IllegalStateException("prescription " + id
                    + " holds a live exchange code, but the store holds none of its events"));
        } catch (RuntimeException unreadable) {
            throw new ExchangeCodeUnreadableException(unreadable);
        }
    }
}
