package org.eprescription.api.actor;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.eprescription.api.expiry.ExpirySweep;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.IssuedPrescription;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.core.prescription.PrescribedLine;
import org.eprescription.core.prescription.PrescriberDetails;
import org.eprescription.core.prescription.command.IssuePrescription;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;
import static org.eprescription.api.support.Prescriptions.unique;

/** No event without an actor: the command bus refuses anonymous commands, and every stored event names its actor. */
class ActorAttributionIT extends ExchangeIntegrationTest {

    private static final Map<String, String> REASON = Map.of("reason", "therapy changed");

    @Autowired
    private CommandGateway commandGateway;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private ExpirySweep expirySweep;

    @Test
    void aCommandWithoutAnActorIsRefusedAndWritesNoEvent() {
        PrescriptionId id = PrescriptionId.random();
        IssuePrescription command = new IssuePrescription(id,
                new PatientDetails(PatientId.of(unique("PAT")), BIRTH_DATE, null),
                new PrescriberDetails(PrescriberId.of("DOC-1"), InstitutionId.of(unique("HOSP"))),
                List.of(new PrescribedLine(1, DrugCode.of(AMLODIPINE_BRAND), new BigDecimal("28"), "tablet",
                        "1 tablet once daily", 28)), 0, null, List.of());

        assertThatThrownBy(() -> commandGateway.sendAndWait(command))
                .isInstanceOf(UnattributedCommandException.class);
        assertThatThrownBy(() -> commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(CommandMetadata.ACTOR_ID, "DOC-1"))))
                .as("an actor without a role is no actor").isInstanceOf(UnattributedCommandException.class);

        assertThat(eventsOf(id.toString())).isEmpty();
    }

    @Test
    void everyEventOfAWholeLifecycleNamesItsActorAndRole() {
        IssuedPrescription refilled = issued(withRefills(issue(unique("HOSP"))));
        api().post("/prescriptions/accept", accept(refilled.exchangeCode(), BIRTH_DATE, "PH-A"));
        api().post(refilled.path() + "/release", Map.of("pharmacyId", "PH-A", "reason", "out of stock"));
        api().post("/prescriptions/accept", accept(refilled.exchangeCode(), BIRTH_DATE, "PH-B"));
        api().post(refilled.path() + "/dispense", dispense("PH-B", true, item(1, AMLODIPINE_BRAND, 28, 28)));
        api().post(refilled.path() + "/cancel", REASON, prescriberHeaders(refilled.institutionId()));

        IssuedPrescription held = acceptedBy("PH-A");
        api().post(held.path() + "/cancel", REASON, prescriberHeaders(held.institutionId()));
        api().post(held.path() + "/release", Map.of("pharmacyId", "PH-A", "reason", "cancel requested"));

        var expiring = issue(unique("HOSP"));
        expiring.put("validUntil", clock.today().toString());
        IssuedPrescription expired = issued(expiring);
        clock.advance(Duration.ofDays(1));
        expirySweep.sweep();
        await().atMost(Duration.ofSeconds(5)).until(() -> !eventsOf(expired.id()).stream()
                .filter(event -> typeOf(event).equals("PrescriptionExpired")).toList().isEmpty());

        String patient = patientOf(refilled);
        api().put("/patients/" + patient + "/consent", Map.of("sharingAllowed", true));

        List<DomainEventMessage<?>> all = new ArrayList<>();
        all.addAll(eventsOf(refilled.id()));
        all.addAll(eventsOf(held.id()));
        all.addAll(eventsOf(expired.id()));
        all.addAll(eventsOf("consent:" + patient));

        assertThat(all).extracting(ActorAttributionIT::typeOf).contains("PrescriptionIssued",
                "PrescriptionAccepted", "PrescriptionReleased", "PrescriptionDispensed", "RefillScheduled",
                "PrescriptionCancelled", "CancellationRequested", "PrescriptionExpired", "ConsentGiven");
        assertThat(all).allSatisfy(event -> {
            assertThat(event.getMetaData().get(CommandMetadata.ACTOR_ID)).as(typeOf(event)).isNotNull();
            assertThat(event.getMetaData().get(CommandMetadata.ACTOR_ROLE)).as(typeOf(event)).isNotNull();
        });
        assertThat(eventsOf(expired.id())).filteredOn(event -> typeOf(event).equals("PrescriptionExpired"))
                .singleElement()
                .satisfies(event -> {
                    assertThat(event.getMetaData()).containsEntry(CommandMetadata.ACTOR_ID, "expiry-sweep");
                    assertThat(event.getMetaData()).containsEntry(CommandMetadata.ACTOR_ROLE, "SYSTEM");
                });
    }

    private List<DomainEventMessage<?>> eventsOf(String aggregateId) {
        return new ArrayList<>(eventStore.readEvents(aggregateId).asStream().toList());
    }

    private static String typeOf(DomainEventMessage<?> event) {
        return event.getPayloadType().getSimpleName();
    }

    @SuppressWarnings("unchecked")
    private static String patientOf(IssuedPrescription rx) {
        return ((Map<String, Object>) rx.body().get("patient")).get("id").toString();
    }

    private static Map<String, Object> withRefills(Map<String, Object> body) {
        body.put("refills", 1);
        return body;
    }
}
