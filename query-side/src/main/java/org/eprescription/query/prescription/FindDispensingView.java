package org.eprescription.query.prescription;

import org.eprescription.core.ids.PharmacyId;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A pharmacy's working view: what it holds now and what it dispensed since {@code dispensedSince} (the start of its
 * day); answers {@link DispensingView}. Followed live ({@link PrescriptionViewUpdates#follow}), its changes are the
 * {@link PrescriptionView}s that enter, change in or leave that view.
 */
public record FindDispensingView(PharmacyId pharmacyId, Instant dispensedSince) {

    public FindDispensingView {
        Objects.requireNonNull(pharmacyId, "pharmacyId");
        Objects.requireNonNull(dispensedSince, "dispensedSince");
    }

    /** The pharmacy's view today: since midnight in the zone of the exchange's {@code clock}. */
    public static FindDispensingView today(PharmacyId pharmacyId, Clock clock) {
        return new FindDispensingView(pharmacyId, startOfToday(clock));
    }

    /** Where today began, in the zone of the exchange's {@code clock}: the start of "dispensed today". */
    static Instant startOfToday(Clock clock) {
        return LocalDate.now(clock).atStartOfDay(clock.getZone()).toInstant();
    }
}
