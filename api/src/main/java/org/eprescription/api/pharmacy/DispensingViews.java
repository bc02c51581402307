package org.eprescription.api.pharmacy;

import lombok.RequiredArgsConstructor;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.api.security.ExchangeUser;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.query.prescription.DispensingView;
import org.eprescription.query.prescription.FindDispensingView;
import org.eprescription.query.prescription.PrescriptionView;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.stream.Stream;

/**
 * A pharmacy's working view as its readers may read it: who may (its pharmacists, auditors) and the access log entry
 * of each read, for {@code GET /pharmacies/{id}/dispensing-view} and {@code GET /fhir/Task?owner=} alike.
 */
@Component
@RequiredArgsConstructor
public class DispensingViews {

    private final QueryGateway queryGateway;
    private final Clock clock;
    private final ResourceAccess access;
    private final AccessLog accessLog;

    /** The pharmacy's view now, the read in each patient's access log; 403 for a caller not its own. */
    public DispensingView readable(String pharmacyId) {
        ExchangeUser reader = reader(pharmacyId);
        DispensingView view = queryGateway.query(query(pharmacyId), ResponseTypes.instanceOf(DispensingView.class))
                .join();
        logRead(reader, view);
        return view;
    }

    /** The caller, once admitted to the pharmacy's view (403 otherwise): a live stream logs its snapshots' reads. */
    ExchangeUser reader(String pharmacyId) {
        access.requirePharmacy(pharmacyId);
        return accessLog.caller();
    }

    void logRead(ExchangeUser reader, DispensingView view) {
        accessLog.read(reader, shown(view).map(held -> held.patient().id()).toList(),
                readOf(view.pharmacyId().value()));
    }

    /** What a read of the pharmacy's view is in the access log as. */
    static String readOf(String pharmacyId) {
        return "dispensing view of pharmacy " + pharmacyId;
    }

    /** Every prescription the view shows: held, then dispensed today. */
    static Stream<PrescriptionView> shown(DispensingView view) {
        return Stream.concat(view.held().stream(), view.dispensedToday().stream());
    }

    /** What it holds and what it dispensed today, in the exchange's zone. */
    FindDispensingView query(String pharmacyId) {
        return FindDispensingView.today(PharmacyId.of(pharmacyId), clock);
    }
}
