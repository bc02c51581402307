package org.eprescription.query.prescription;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.eprescription.query.testsupport.TestDatabase;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.query.prescription.PrescriptionFixtures.CATALOGUE;
import static org.eprescription.query.prescription.PrescriptionFixtures.HOSPITAL;
import static org.eprescription.query.prescription.PrescriptionFixtures.PHARMACY_A;
import static org.eprescription.query.prescription.PrescriptionFixtures.PHARMACY_B;
import static org.eprescription.query.prescription.PrescriptionFixtures.T;
import static org.eprescription.query.prescription.PrescriptionFixtures.acceptedByA;
import static org.eprescription.query.prescription.PrescriptionFixtures.issued;
import static org.eprescription.query.prescription.PrescriptionFixtures.message;
import static org.eprescription.query.prescription.PrescriptionFixtures.releasedByA;

/**
 * Two nodes' view updates on one table: "there" projects the events and announces its changes, "here" hears the
 * announcements and emits to its own subscribers, once per change.
 */
class PrescriptionViewUpdatesIT {

    @AutoClose
    private static final TestDatabase database = new TestDatabase();
    private static final PrescriptionViewRepository repository =
            new PrescriptionViewRepository(database.jdbcClient(), TestDatabase.OBJECT_MAPPER, CATALOGUE);

    private final List<ViewChangeNotice> announcedThere = new ArrayList<>();
    private final List<ViewChangeNotice> announcedHere = new ArrayList<>();
    private PrescriptionViewUpdates here;
    private AnnotationEventHandlerAdapter projectionHere;
    private AnnotationEventHandlerAdapter projectionThere;

    @BeforeEach
    void setUp() {
        here = new PrescriptionViewUpdates(repository, announcedHere::add, PrescriptionFixtures.CLOCK);
        projectionHere = new AnnotationEventHandlerAdapter(new PrescriptionViewProjection(repository, CATALOGUE, here));
        projectionThere = new AnnotationEventHandlerAdapter(new PrescriptionViewProjection(repository, CATALOGUE,
                new PrescriptionViewUpdates(repository, announcedThere::add, PrescriptionFixtures.CLOCK)));
    }

    /** A new prescription, issued through that node's projection. */
    private static PrescriptionId issuedThrough(AnnotationEventHandlerAdapter projection) throws Exception {
        PrescriptionIssued issued = issued(PrescriptionId.random(), 0);
        projection.handle(message(issued, 0));
        return issued.prescriptionId();
    }

    /** What a live subscriber here of that pharmacy's view receives. */
    private List<PrescriptionView> subscribeHereTo(PharmacyId pharmacy) {
        return PrescriptionFixtures.subscribe(here, new FindDispensingView(pharmacy, T));
    }

    /**
     * What a subscriber here of that pharmacy's view receives when pharmacy A accepts a new prescription through a
     * node's projection and that node's announcement of the acceptance arrives here.
     */
    private List<PrescriptionView> receivedHereOnAcceptanceThrough(AnnotationEventHandlerAdapter projection,
                                                                   List<ViewChangeNotice> announced,
                                                                   PharmacyId subscribedTo) throws Exception {
        PrescriptionId id = issuedThrough(projection);
        List<PrescriptionView> received = subscribeHereTo(subscribedTo);

        projection.handle(message(acceptedByA(id, T), 1));
        here.changedElsewhere(announced.get(1));
        return received;
    }

    @Test
    void eachChangeIsAnnouncedWithTheHoldersBeforeAndAfter() throws Exception {
        PrescriptionId id = issuedThrough(projectionThere);
        projectionThere.handle(message(acceptedByA(id, T), 1));
        projectionThere.handle(message(releasedByA(id), 2));

        assertThat(announcedThere).containsExactly(
                new ViewChangeNotice(id, 0, HOSPITAL, Set.of(), -1),
                new ViewChangeNotice(id, 1, HOSPITAL, Set.of(PHARMACY_A), -1),
                new ViewChangeNotice(id, 2, HOSPITAL, Set.of(PHARMACY_A), -1));
        assertThat(ViewChangeNotice.fromPayload(announcedThere.get(2).toPayload())).isEqualTo(announcedThere.get(2));
    }

    @Test
    void aChangeMadeElsewhereReachesTheSubscribersHereWithTheRowAsStored() throws Exception {
        PrescriptionId id = issuedThrough(projectionThere);
        projectionThere.handle(message(acceptedByA(id, T), 1));
        List<PrescriptionView> formerHolder = subscribeHereTo(PHARMACY_A);
        List<PrescriptionView> otherPharmacy = subscribeHereTo(PHARMACY_B);

        projectionThere.handle(message(releasedByA(id), 2));
        here.changedElsewhere(announcedThere.get(2));

        assertThat(formerHolder).as("the holder before").containsExactly(repository.load(id).orElseThrow());
        assertThat(formerHolder.get(0).pharmacyId()).as("released").isNull();
        assertThat(otherPharmacy).isEmpty();
    }

    @Test
    void aChangeThisNodeMadeIsNotEmittedAgainWhenItsOwnAnnouncementArrives() throws Exception {
        assertThat(receivedHereOnAcceptanceThrough(projectionHere, announcedHere, PHARMACY_A))
                .as("once, not again on its own announcement").hasSize(1);
    }

    @Test
    void aNodeKnowsWhichVersionsItsOwnProjectionToldAndNotThoseOfAnother() throws Exception {
        PrescriptionId mine = issuedThrough(projectionHere);
        projectionHere.handle(message(acceptedByA(mine, T), 1));
        PrescriptionId theirs = issuedThrough(projectionThere);
        here.changedElsewhere(announcedThere.get(0));

        assertThat(here.toldHere(mine, 1)).isTrue();
        assertThat(here.toldHere(mine, 2)).as("not yet processed").isFalse();
        assertThat(here.toldHere(theirs, 0)).as("told by the other node").isFalse();
    }

    @Test
    void aChangeNoSubscriptionHereConcernsIsNotEmitted() throws Exception {
        assertThat(receivedHereOnAcceptanceThrough(projectionThere, announcedThere, PHARMACY_B)).isEmpty();
    }
}
