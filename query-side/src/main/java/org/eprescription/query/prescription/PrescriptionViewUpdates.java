package org.eprescription.query.prescription;

import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryMessage;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Pushes a changed prescription view to the live subscriptions it concerns, and to no other: the subscriptions of
 * that prescription, of its issuing institution, and of the pharmacies whose view it enters, changes in or leaves
 * (the holder before and after the change, so a release or a cancellation reaches the pharmacy that held it).
 *
 * <p>The emitter hands the update over after the projection's transaction commits, and the subscribers only
 * enqueue it (api's live streams buffer per client), so a slow client never slows the projection.
 */
final class PrescriptionViewUpdates {

    private final QueryUpdateEmitter emitter;

    PrescriptionViewUpdates(QueryUpdateEmitter emitter) {
        this.emitter = Objects.requireNonNull(emitter, "emitter");
    }

    /**
     * @param before the view before the change, null if the prescription had none
     * @param after  the view after the change
     */
    void changed(PrescriptionView before, PrescriptionView after) {
        Set<Object> queries = subscribedQueries();
        if (queries.isEmpty()) {
            return;
        }
        PrescriptionId id = after.prescriptionId();
        InstitutionId institution = after.prescriber().institutionId();
        Set<PharmacyId> pharmacies = new HashSet<>();
        if (before != null && before.pharmacyId() != null) {
            pharmacies.add(before.pharmacyId());
        }
        if (after.pharmacyId() != null) {
            pharmacies.add(after.pharmacyId());
        }
        emitIfSubscribed(queries, FindPrescription.class, query -> query.prescriptionId().equals(id), after);
        emitIfSubscribed(queries, FindPrescriptionsByInstitution.class,
                query -> query.institutionId().equals(institution), after);
        emitIfSubscribed(queries, FindDispensingView.class, query -> pharmacies.contains(query.pharmacyId()), after);
    }

    private Set<Object> subscribedQueries() {
        Set<Object> queries = new HashSet<>();
        for (SubscriptionQueryMessage<?, ?, ?> subscription : emitter.activeSubscriptions()) {
            queries.add(subscription.getPayload());
        }
        return queries;
    }

    private <Q> void emitIfSubscribed(Set<Object> queries, Class<Q> type, Predicate<Q> concerned,
                                      PrescriptionView update) {
        boolean subscribed = queries.stream().anyMatch(query -> type.isInstance(query) && concerned.test(type.cast(query)));
        if (subscribed) {
            emitter.emit(type, concerned, update);
        }
    }
}
