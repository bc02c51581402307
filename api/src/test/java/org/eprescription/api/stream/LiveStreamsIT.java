package org.eprescription.api.stream;

import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IssuedPrescription;
import org.eprescription.api.support.SseClient;
import org.eprescription.api.support.SseClient.Event;
import org.eprescription.api.support.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;
import static org.eprescription.api.support.Prescriptions.unique;

/** The three live views over HTTP: a snapshot, then the change of every command made through the API. */
class LiveStreamsIT extends ExchangeIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    SseClient stream(String path) {
        return SseClient.open(port, path, objectMapper, null);
    }

    static boolean changeOf(Event event, IssuedPrescription prescription, String status) {
        return "change".equals(event.name()) && event.data().path("prescriptionId").asText().equals(prescription.id())
                && event.data().path("status").asText().equals(status);
    }

    @Test
    void aPharmacyStreamShowsItsQueueThenAcceptDispenseCancellationRequestAndCompletion() {
        String pharmacy = unique("PH");
        IssuedPrescription prescription = issued(issue(unique("HOSP")));
        try (SseClient live = stream("/pharmacies/" + pharmacy + "/dispensing-view/stream")) {
            assertThat(live.contentType()).startsWith("text/event-stream");
            Event snapshot = live.next(WAIT);
            assertThat(snapshot.name()).isEqualTo("snapshot");
            assertThat(snapshot.data().path("pharmacyId").asText()).isEqualTo(pharmacy);
            assertThat(snapshot.data().path("held")).isEmpty();
            assertThat(snapshot.data().path("dispensedToday")).isEmpty();

            accepted(prescription, pharmacy);
            Event accepted = live.next(WAIT);
            assertThat(changeOf(accepted, prescription, "ACCEPTED")).as(accepted.toString()).isTrue();
            assertThat(accepted.data().path("pharmacyId").asText()).isEqualTo(pharmacy);
            assertThat(accepted.data().has("alerts")).isTrue();
            assertThat(Long.parseLong(accepted.id())).isEqualTo(accepted.data().path("lastPosition").asLong())
                    .isPositive();

            api().post(prescription.path() + "/dispense", dispense(pharmacy, false, item(1, AMLODIPINE_BRAND, 7, 7)));
            Event dispensed = live.next(WAIT);
            assertThat(dispensed.data().path("dispensings")).hasSize(1);
            assertThat(Long.parseLong(dispensed.id())).isGreaterThan(Long.parseLong(accepted.id()));

            api().post(prescription.path() + "/cancel", Map.of("reason", "wrong dose"),
                    prescriberHeaders(prescription.institutionId()));
            // the dispensing's interaction check may come first: a change of the version only
            Event cancellation = live.next(event -> event.data().path("cancellationRequested").asBoolean(), WAIT);
            assertThat(cancellation.data().path("dispensings")).hasSize(1);

            api().post(prescription.path() + "/dispense", dispense(pharmacy, true, item(1, AMLODIPINE_BRAND, 21, 21)));
            Event completed = live.next(event -> changeOf(event, prescription, "COMPLETED"), WAIT);
            assertThat(completed.data().path("pharmacyId").isNull()).isTrue();
        }
    }

    @Test
    void aPharmacyStreamDoesNotReceiveAnotherPharmacysChanges() {
        String mine = unique("PH");
        String other = unique("PH");
        IssuedPrescription theirs = issued(issue(unique("HOSP")));
        IssuedPrescription ours = issued(issue(unique("HOSP")));
        try (SseClient live = stream("/pharmacies/" + mine + "/dispensing-view/stream")) {
            live.next(WAIT);

            accepted(theirs, other);
            api().post(theirs.path() + "/dispense", dispense(other, true, item(1, AMLODIPINE_BRAND, 28, 28)));
            accepted(ours, mine);

            Event first = live.next(event -> "change".equals(event.name()), WAIT);
            assertThat(first.data().path("prescriptionId").asText()).isEqualTo(ours.id());
            assertThat(live.pending()).allSatisfy(event ->
                    assertThat(event.data().path("prescriptionId").asText()).isEqualTo(ours.id()));
        }
    }

    @Test
    void aReleasedPrescriptionsChangeReachesThePharmacyThatHeldIt() {
        String pharmacy = unique("PH");
        IssuedPrescription prescription = issued(issue(unique("HOSP")));
        accepted(prescription, pharmacy);
        try (SseClient live = stream("/pharmacies/" + pharmacy + "/dispensing-view/stream")) {
            Event snapshot = live.next(WAIT);
            assertThat(snapshot.data().path("held")).hasSize(1);
            assertThat(snapshot.data().path("held").get(0).path("prescriptionId").asText()).isEqualTo(prescription.id());

            api().post(prescription.path() + "/release", Map.of("pharmacyId", pharmacy, "reason", "out of stock"));

            Event released = live.next(WAIT);
            assertThat(changeOf(released, prescription, "ISSUED")).as(released.toString()).isTrue();
            assertThat(released.data().path("pharmacyId").isNull()).isTrue();
        }
    }

    @Test
    void anInstitutionStreamShowsItsPrescriptionsThenNewOnesAndCancellations() {
        String institution = unique("HOSP");
        IssuedPrescription earlier = issued(issue(institution));
        try (SseClient live = stream("/institutions/" + institution + "/prescriptions/stream")) {
            Event snapshot = live.next(WAIT);
            assertThat(snapshot.name()).isEqualTo("snapshot");
            assertThat(snapshot.data().path("institutionId").asText()).isEqualTo(institution);
            assertThat(snapshot.data().path("prescriptions")).hasSize(1);
            assertThat(snapshot.id()).isEqualTo(snapshot.data().path("prescriptions").get(0).path("lastPosition").asText());

            IssuedPrescription later = issued(issue(institution));
            assertThat(changeOf(live.next(WAIT), later, "ISSUED")).isTrue();

            api().post(earlier.path() + "/cancel", Map.of("reason", "duplicate"), prescriberHeaders(institution));
            // after the later one's interaction check (its version moves on, nothing else)
            assertThat(live.next(event -> changeOf(event, earlier, "CANCELLED"), WAIT)).isNotNull();
        }
    }

    @Test
    void anAlertAnotherInstitutionsIssueRaisesReachesTheStreamThatShowedThePrescriptionItNames() {
        String patient = unique("PAT");
        String institution = unique("HOSP");
        try (SseClient live = stream("/institutions/" + institution + "/prescriptions/stream")) {
            assertThat(live.next(WAIT).name()).isEqualTo("snapshot");
            IssuedPrescription first = issued(issueFor(patient, institution, AMLODIPINE_BRAND, 28));
            long firstVersion = api().get(first.path()).body().path("version").asLong();
            Event shown = live.next(event -> changeOf(event, first, "ISSUED")
                    && event.data().path("version").asLong() == firstVersion, WAIT);
            assertThat(shown.data().path("alerts")).isEmpty();

            issued(issueFor(patient, unique("HOSP"), AMLODIPINE_BRAND, 28));

            // the same view, told again as a later change, rendered anew with the alert
            Event alerted = live.next(event -> changeOf(event, first, "ISSUED")
                    && !event.data().path("alerts").isEmpty(), WAIT);
            assertThat(alerted).as("a change of the first prescription with the new alert").isNotNull();
            assertThat(alerted.data().path("version").asLong()).isEqualTo(firstVersion);
            assertThat(Long.parseLong(alerted.id())).isGreaterThan(Long.parseLong(shown.id()));
        }
    }

    @Test
    void anAlertResolvedByTheCancellationOfTheOtherPrescriptionLeavesTheStreamThatShowedIt() {
        String patient = unique("PAT");
        String institution = unique("HOSP");
        String otherInstitution = unique("HOSP");
        try (SseClient live = stream("/institutions/" + institution + "/prescriptions/stream")) {
            assertThat(live.next(WAIT).name()).isEqualTo("snapshot");
            IssuedPrescription first = issued(issueFor(patient, institution, AMLODIPINE_BRAND, 28));
            IssuedPrescription second = issued(issueFor(patient, otherInstitution, AMLODIPINE_BRAND, 28));
            live.next(event -> changeOf(event, first, "ISSUED") && !event.data().path("alerts").isEmpty(), WAIT);

            api().post(second.path() + "/cancel", Map.of("reason", "duplicate"), prescriberHeaders(otherInstitution));

            // the alert's own line stopped: resolved, and the first prescription's stream shows no open alert
            Event resolved = live.next(event -> changeOf(event, first, "ISSUED")
                    && event.data().path("alerts").isEmpty(), WAIT);
            assertThat(resolved).isNotNull();
        }
    }

    @Test
    void aPrescriptionStreamShowsTheViewThenEveryChange() {
        IssuedPrescription prescription = issued(issue(unique("HOSP")));
        String pharmacy = unique("PH");
        try (SseClient live = stream(prescription.path() + "/stream")) {
            Event snapshot = live.next(WAIT);
            assertThat(snapshot.name()).isEqualTo("snapshot");
            assertThat(snapshot.data().path("status").asText()).isEqualTo("ISSUED");
            // PrescriptionIssued and its InteractionCheckCompleted
            assertThat(snapshot.data().path("version").asLong()).isEqualTo(1L);

            accepted(prescription, pharmacy);
            assertThat(changeOf(live.next(WAIT), prescription, "ACCEPTED")).isTrue();
            long dispensed = api().post(prescription.path() + "/dispense",
                    dispense(pharmacy, true, item(1, AMLODIPINE_BRAND, 28, 28))).body().path("version").asLong();
            // the dispensing's events may reach the projection in more than one batch: the last change shows them all
            Event completed = live.next(event -> changeOf(event, prescription, "COMPLETED")
                    && event.data().path("version").asLong() == dispensed, WAIT);
            assertThat(completed.data().path("dispensings")).hasSize(1);
            // the change carries the body a read answers, written once for every stream that shows it
            assertThat(completed.data()).isEqualTo(api().get(prescription.path()).body());
        }
    }

    @Test
    void aPharmacysPrescriptionStreamEndsWhenItReleasesThePrescriptionAndShowsNoOneElsesChanges() {
        IssuedPrescription prescription = issued(issue(unique("HOSP")));
        String released = unique("PH");
        accepted(prescription, released);
        try (SseClient live = SseClient.open(port, prescription.path() + "/stream", objectMapper, null,
                Identity.pharmacist(released))) {
            assertThat(live.next(WAIT).data().path("status").asText()).isEqualTo("ACCEPTED");

            api().post(prescription.path() + "/release", Map.of("pharmacyId", released, "reason", "out of stock"));
            String other = unique("PH");
            accepted(prescription, other);
            assertThat(api().post(prescription.path() + "/dispense",
                    dispense(other, true, item(1, AMLODIPINE_BRAND, 28, 28))).status()).isEqualTo(200);

            assertThat(live.endedWithin(WAIT)).as("it may no longer read the prescription").isTrue();
            assertThat(live.pending()).as("neither the release nor the other pharmacy's work")
                    .noneMatch(event -> "change".equals(event.name()));
        }
        assertThat(SseClient.status(port, prescription.path() + "/stream", Identity.pharmacist(released)))
                .isEqualTo(403);
    }

    @Test
    void theStreamOfAnUnknownPrescriptionIsNotFound() {
        assertThat(SseClient.status(port, "/prescriptions/" + UUID.randomUUID() + "/stream")).isEqualTo(404);
    }

    @Test
    void aClientReconnectingWithLastEventIdSeesWhatChangedWhileItWasAway() {
        String pharmacy = unique("PH");
        IssuedPrescription prescription = issued(issue(unique("HOSP")));
        String lastEventId;
        try (SseClient live = stream("/pharmacies/" + pharmacy + "/dispensing-view/stream")) {
            live.next(WAIT);
            accepted(prescription, pharmacy);
            lastEventId = live.next(WAIT).id();
        }

        api().post(prescription.path() + "/dispense", dispense(pharmacy, false, item(1, AMLODIPINE_BRAND, 7, 7)));

        try (SseClient again = SseClient.open(port, "/pharmacies/" + pharmacy + "/dispensing-view/stream",
                objectMapper, lastEventId)) {
            Event snapshot = again.next(WAIT);
            assertThat(snapshot.name()).isEqualTo("snapshot");
            assertThat(Long.parseLong(snapshot.id())).isGreaterThan(Long.parseLong(lastEventId));
            List<String> dispensedToday = snapshot.data().path("dispensedToday").findValuesAsText("prescriptionId");
            assertThat(dispensedToday).contains(prescription.id());
            assertThat(snapshot.data().path("held").get(0).path("dispensings")).hasSize(1);
        }
    }

    @Test
    void aStreamEndsWhenTheTokenItWasOpenedWithExpiresAndSaysSo() {
        String pharmacy = unique("PH");
        IssuedPrescription prescription = issued(issue(unique("HOSP")));
        Instant expiresAt = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        try (SseClient live = SseClient.openWithToken(port, "/pharmacies/" + pharmacy + "/dispensing-view/stream",
                objectMapper, null, TestTokens.until(Identity.pharmacist(pharmacy), expiresAt))) {
            assertThat(live.next(WAIT).name()).isEqualTo("snapshot");

            Event expired = live.next(WAIT.plusSeconds(3));
            assertThat(expired.name()).as(expired.toString()).isEqualTo("token-expired");
            assertThat(Instant.parse(expired.data().path("expiredAt").asText())).isEqualTo(expiresAt);
            assertThat(live.endedWithin(WAIT)).as("the stream ends").isTrue();
            accepted(prescription, pharmacy);
            assertThat(live.pending()).as("nothing after the expiry").isEmpty();
        }
    }

    @Test
    void anIdleStreamGetsHeartbeats() {
        try (SseClient live = stream("/pharmacies/" + unique("PH") + "/dispensing-view/stream")) {
            live.next(WAIT);
            // heartbeats come every second (exchange.streams.heartbeat in the tests)
            await().atMost(WAIT).until(() -> live.heartbeats() >= 2);
        }
    }
}
