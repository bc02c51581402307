package org.eprescription.query.prescription;

import org.axonframework.common.Registration;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.support.BatchScope;
import org.eprescription.query.support.Followers;
import org.eprescription.query.support.ReplayBuffer;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Pushes a changed prescription view to the listeners in this node that {@link #follow} it, and to no other: the
 * followers of that prescription, of its issuing institution, and of the pharmacies whose view it enters, changes in
 * or leaves (the holder before and after the change, so a release or a cancellation reaches the pharmacy that held
 * it; the pharmacy whose dispensing changed, which may no longer hold it; and every pharmacy that dispensed it today,
 * in whose view it stays under "dispensed today" after it completes, so the alerts its own dispensing raised reach it
 * too).
 *
 * <p>Followers live in the node where the client connected, but the change is made by whichever node's
 * processor owns the event's segment. So a change made here is told here and announced to the other nodes
 * ({@link ViewChangeAnnouncer}); a change announced by another node ({@link #changedElsewhere}) is re-read from the
 * table and told here if a follower here is concerned. This node hears its own announcements too: the
 * versions it told itself are remembered and not told twice.
 *
 * <p>{@link Followers} hands the update over after the projection's transaction commits, and the listeners only
 * enqueue it (api's live streams buffer per client), so a slow client never slows the projection.
 */
@Component
public class PrescriptionViewUpdates {

    /** Enough to recognise this node's own announcements, which arrive within moments of the change. */
    private static final int REMEMBERED_PRESCRIPTIONS = 10_000;

    private final Followers<Object, PrescriptionView> followers = new Followers<>();
    private final PrescriptionViewRepository views;
    private final ViewChangeAnnouncer announcer;
    private final Clock clock;
    private final String batchKey = BatchScope.newKey("prescription-view-updates");
    private final Map<PrescriptionId, Told> toldHere = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<PrescriptionId, Told> eldest) {
                    return size() > REMEMBERED_PRESCRIPTIONS;
                }
            });

    /** The latest version of a view this node told, and the latest position of a change it told of it. */
    private record Told(long version, long position) {

        Told andThen(Told later) {
            return new Told(Math.max(version, later.version), Math.max(position, later.position));
        }

        boolean covers(ViewChangeNotice notice) {
            return version >= notice.version() && position >= notice.position();
        }
    }

    /** @param clock the exchange's clock, in its zone: it says where today begins for the pharmacies' views */
    public PrescriptionViewUpdates(PrescriptionViewRepository views, ViewChangeAnnouncer announcer, Clock clock) {
        this.views = Objects.requireNonNull(views, "views");
        this.announcer = Objects.requireNonNull(announcer, "announcer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * This node's projection changed the view (inside its transaction).
     *
     * @param before the view before the change, null if the prescription had none
     * @param after  the view after the change
     */
    void changed(PrescriptionView before, PrescriptionView after) {
        Set<PharmacyId> pharmacies = concerned(before, after);
        Optional<BatchChanges> batch = BatchScope.buffer(batchKey, BatchChanges::new);
        if (batch.isPresent()) {
            batch.get().add(after, pharmacies);
        } else {
            tell(after, pharmacies);
        }
    }

    /**
     * The pharmacies a change concerns: the holder before and after, those whose dispensing changed, and those that
     * dispensed it today (as {@link FindDispensingView} counts a day: since its start in the exchange's zone).
     */
    private Set<PharmacyId> concerned(PrescriptionView before, PrescriptionView after) {
        Set<PharmacyId> pharmacies = new HashSet<>();
        if (before != null && before.pharmacyId() != null) {
            pharmacies.add(before.pharmacyId());
        }
        if (after.pharmacyId() != null) {
            pharmacies.add(after.pharmacyId());
        }
        // a dispensing corrected or withdrawn changes its pharmacy's "dispensed today", held or not; and what its
        // pharmacy dispensed today stays in that view after it completes
        Instant startOfToday = FindDispensingView.startOfToday(clock);
        for (Dispensing dispensing : after.dispensings()) {
            int index = dispensing.sequence() - 1;
            boolean changed = before == null || index < 0 || index >= before.dispensings().size()
                    || !before.dispensings().get(index).equals(dispensing);
            boolean today = dispensing.dispensedAt() != null && !dispensing.dispensedAt().isBefore(startOfToday);
            if ((changed || today) && dispensing.pharmacyId() != null) {
                pharmacies.add(dispensing.pharmacyId());
            }
        }
        return pharmacies;
    }

    private void tell(PrescriptionView after, Set<PharmacyId> pharmacies) {
        announce(after, pharmacies);
        // Told whether or not anybody follows yet: followers are looked up only after the batch commits, so a client
        // that starts following meanwhile (e.g. a command's answer waiting for its view) gets it.
        tellFollowers(after.prescriptionId(), after.prescriber().institutionId(), pharmacies, after);
    }

    /** Remembers the change as told here and announces it; what it remembered, to be forgotten on a rollback. */
    private Remembered announce(PrescriptionView after, Set<PharmacyId> pharmacies) {
        Told told = new Told(after.version(), after.lastPosition());
        Told[] before = new Told[1];
        Told now = toldHere.compute(after.prescriptionId(), (id, held) -> {
            before[0] = held;
            return held == null ? told : held.andThen(told);
        });
        announcer.announce(new ViewChangeNotice(after.prescriptionId(), after.version(),
                after.prescriber().institutionId(), pharmacies, after.lastPosition()));
        return new Remembered(after.prescriptionId(), before[0], now);
    }

    /** What {@link #announce} changed in {@link #toldHere}: the entry before, null if none, and after. */
    private record Remembered(PrescriptionId id, Told before, Told after) {
    }

    /**
     * The batch that announced {@code remembered} rolled back: nothing of it was told, and its announcement was never
     * delivered (PostgreSQL drops the notifications of a transaction that does not commit). Unless a later change
     * was remembered since, the entry goes back to what it was, so that the node whose processor handles the batch
     * again is heard here ({@link #changedElsewhere}) and a command's answer does not expect a view it was not told.
     */
    private void forget(Remembered remembered) {
        toldHere.compute(remembered.id(), (id, held) -> Objects.equals(held, remembered.after())
                ? remembered.before() : held);
    }

    /**
     * The changes of one event processor batch, told once per prescription just before the batch commits: its view
     * as the batch leaves it, to every pharmacy any of its changes concerned. Subscribers see the state each batch
     * commits, rendered once, instead of each step within it.
     */
    private final class BatchChanges implements ReplayBuffer {

        private final Map<PrescriptionId, PrescriptionView> views = new LinkedHashMap<>();
        private final Map<PrescriptionId, Set<PharmacyId>> pharmacies = new HashMap<>();

        void add(PrescriptionView after, Set<PharmacyId> concerned) {
            views.merge(after.prescriptionId(), after,
                    (held, later) -> later.version() >= held.version() ? later : held);
            pharmacies.computeIfAbsent(after.prescriptionId(), id -> new HashSet<>()).addAll(concerned);
        }

        /**
         * Announced to the other nodes in the batch's transaction; told here once it has committed (the followers
         * would hear it at once in this phase of the batch, before its rows are visible). Remembered as told here
         * now, since this node's own announcement can arrive (LISTEN) as soon as the transaction commits, before the
         * after-commit phase; and forgotten again if the batch rolls back after all (its commit failing), before its
         * transaction's rollback lets another node claim the segment and handle the batch again.
         */
        @Override
        public void flush() {
            Map<PrescriptionId, PrescriptionView> committed = new LinkedHashMap<>(views);
            Map<PrescriptionId, Set<PharmacyId>> concerned = new HashMap<>(pharmacies);
            List<Remembered> remembered = new ArrayList<>(committed.size());
            committed.forEach((id, view) -> remembered.add(announce(view, concerned.get(id))));
            UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
            batch.onRollback(unitOfWork -> remembered.forEach(PrescriptionViewUpdates.this::forget));
            batch.afterCommit(unitOfWork -> committed.forEach((id, view) ->
                    tellFollowers(id, view.prescriber().institutionId(), concerned.get(id), view)));
            views.clear();
            pharmacies.clear();
        }
    }

    private void tellFollowers(PrescriptionId id, InstitutionId institution, Set<PharmacyId> pharmacies,
                               PrescriptionView update) {
        followers.tell(keys(id, institution, pharmacies), update);
    }

    /**
     * {@code listener} hears, once committed, every change that reaches a subscriber to {@code query}: one prescription
     * ({@link FindPrescription}), an institution's prescriptions ({@link FindPrescriptionsByInstitution}) or a
     * pharmacy's view ({@link FindDispensingView}), until the registration is cancelled.
     */
    public Registration follow(Object query, Consumer<PrescriptionView> listener) {
        return followers.follow(followedKey(query), listener);
    }

    /**
     * Whether this node's projection has told (or, its batch committing, is about to tell) the prescription's view at
     * {@code version} or later, as far as it remembers. A batch that rolls back after all is forgotten again.
     */
    public boolean toldHere(PrescriptionId id, long version) {
        Told told = toldHere.get(id);
        return told != null && told.version() >= version;
    }

    /** How many listeners in this node follow views. */
    public int followerCount() {
        return followers.count();
    }

    /** Another node's projection changed the view, and that change has committed. */
    public void changedElsewhere(ViewChangeNotice notice) {
        Told told = toldHere.get(notice.prescriptionId());
        if (told != null && told.covers(notice)) {
            return;
        }
        if (!followers.followsAny(keys(notice.prescriptionId(), notice.institutionId(), notice.pharmacyIds()))) {
            return;
        }
        views.load(notice.prescriptionId()).ifPresent(view -> {
            Set<PharmacyId> pharmacies = new HashSet<>(notice.pharmacyIds());
            if (view.pharmacyId() != null) {
                pharmacies.add(view.pharmacyId());
            }
            tellFollowers(view.prescriptionId(), view.prescriber().institutionId(), pharmacies,
                    view.announcedAt(notice.position()));
        });
    }

    /** What the followers of a change of prescription {@code id} follow: it, its institution and its pharmacies. */
    private static List<Object> keys(PrescriptionId id, InstitutionId institution, Set<PharmacyId> pharmacies) {
        List<Object> keys = new ArrayList<>(2 + pharmacies.size());
        keys.add(id);
        keys.add(institution);
        keys.addAll(pharmacies);
        return keys;
    }

    /** What a subscriber to {@code query} follows: the prescription, the institution or the pharmacy it names. */
    private static Object followedKey(Object query) {
        if (query instanceof FindPrescription byId) {
            return byId.prescriptionId();
        }
        if (query instanceof FindPrescriptionsByInstitution byInstitution) {
            return byInstitution.institutionId();
        }
        if (query instanceof FindDispensingView byPharmacy) {
            return byPharmacy.pharmacyId();
        }
        throw new IllegalArgumentException("no live updates for " + query);
    }
}
