package org.eprescription.core.prescription;

import org.eprescription.core.ids.Party;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.eprescription.core.prescription.event.AlertAcknowledged;
import org.eprescription.core.prescription.event.AlertAcknowledgedUpcaster;
import org.eprescription.core.prescription.event.PrescriptionDispensed;
import org.eprescription.core.prescription.event.PrescriptionDispensedUpcaster;
import org.eprescription.core.prescription.event.PrescriptionIssuedUpcaster;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.core.prescription.StoredRevisions.AGGREGATE_ID;
import static org.eprescription.core.prescription.StoredRevisions.frozen;

/**
 * Events stored under older revisions (frozen JSON, byte for byte as the store kept it, or the current shape with the
 * newer fields removed) read as the current revision: PrescriptionIssued 1 with the first key, 1 and 2 with the first
 * derivation attempt, 1 to 3 dated in the zone the exchange ran in; PrescriptionDispensed 1 dated the same way;
 * AlertAcknowledged 1 without the conflicts it covered.
 */
class PrescriptionIssuedUpcasterTest {

    private final JacksonSerializer serializer = StoredRevisions.SERIALIZER;

    @Test
    void aRevisionOneEventReadsWithTheFirstKeyAndTheFirstAttempt() throws IOException {
        DomainEventMessage<?> event = upcastAndRead(frozenIssued("1", AGGREGATE_ID,
                "e7a3c0de-0000-4000-8000-000000000001", "2026-11-29T08:36:26.138752315Z"));

        assertThat(event.getPayload()).isEqualTo(new PrescriptionIssued(
                PrescriptionId.of(AGGREGATE_ID),
                new PatientDetails(PatientId.of("PAT-0001"), LocalDate.of(1958, 4, 2), null),
                new PrescriberDetails(PrescriberId.of("DOC-17"), InstitutionId.of("HOSP-3")),
                List.of(new PrescribedLine(1, DrugCode.of("2171022F1021"), new BigDecimal("28"), "tablet",
                        "1 tablet once daily after breakfast", 28)),
                0, LocalDate.of(2026, 12, 2),
                "968c476aee9fbc6b5a6456a1bc36f8ea395d8ce2bde4a806bb686220c3f4d0d4", "k1", 0, List.of(),
                Instant.parse("2026-11-29T08:36:26.138752315Z"), LocalDate.of(2026, 11, 29)));
        assertThat(event.getMetaData()).containsEntry("patientId", "PAT-0001");
    }

    @Test
    void aRevisionTwoEventReadsWithItsKeyAndTheFirstAttempt() throws IOException {
        String id = "3b0e8c52-1f4d-4a8e-b6f1-7c2d9e0a5b13";
        DomainEventMessage<?> event = upcastAndRead(frozenIssued("2", id, "e7a3c0de-0000-4000-8000-000000000003",
                "2026-12-01T00:15:02.418305117Z"));

        assertThat(event.getPayload()).isEqualTo(new PrescriptionIssued(
                PrescriptionId.of(id),
                new PatientDetails(PatientId.of("PAT-0002"), LocalDate.of(1971, 9, 15), "Sato Jiro"),
                new PrescriberDetails(PrescriberId.of("DOC-21"), InstitutionId.of("HOSP-5")),
                List.of(new PrescribedLine(1, DrugCode.of("1149019F1027"), new BigDecimal("21"), "tablet",
                        "1 tablet three times daily after meals", 7)),
                1, LocalDate.of(2026, 12, 5),
                "5f0d6a4cf1f3e3a1b7c2a0d94e8b6f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f70", "k1", 0,
                List.of(new AlertAcknowledgement(AlertId.of("alert-9"), "dose reduced")),
                Instant.parse("2026-12-01T00:15:02.418305117Z"), LocalDate.of(2026, 12, 1)));
        assertThat(event.getMetaData()).containsEntry("patientId", "PAT-0002");
    }

    @Test
    void aRevisionTwoEventKeepsItsOwnKeyId() {
        ObjectNode payload = serializer.serialize(new PrescriptionIssued(PrescriptionId.of(AGGREGATE_ID),
                new PatientDetails(PatientId.of("PAT-0001"), LocalDate.of(1958, 4, 2), null),
                new PrescriberDetails(PrescriberId.of("DOC-17"), InstitutionId.of("HOSP-3")), List.of(), 0,
                LocalDate.of(2026, 12, 2), "hash", "k2", 0, List.of(), Instant.EPOCH, LocalDate.EPOCH), ObjectNode.class)
                .getData();
        payload.remove("exchangeCodeAttempt");
        payload.remove("issuedOn");
        byte[] revision2 = payload.toString().getBytes(StandardCharsets.UTF_8);
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("Prescription", AGGREGATE_ID, 0,
                "e7a3c0de-0000-4000-8000-000000000002", "2026-11-29T08:36:26Z", PrescriptionIssued.class.getName(),
                "2", revision2, "{}".getBytes(StandardCharsets.UTF_8));

        PrescriptionIssued event = (PrescriptionIssued) upcastAndRead(stored).getPayload();

        assertThat(event.exchangeCodeKeyId()).isEqualTo("k2");
        assertThat(event.exchangeCodeAttempt()).isZero();
    }

    @Test
    void aRevisionThreeEventKeepsItsAttemptAndIsDatedInTheZoneTheExchangeRanIn() {
        ObjectNode payload = serializer.serialize(new PrescriptionIssued(PrescriptionId.of(AGGREGATE_ID),
                new PatientDetails(PatientId.of("PAT-0001"), LocalDate.of(1958, 4, 2), null),
                new PrescriberDetails(PrescriberId.of("DOC-17"), InstitutionId.of("HOSP-3")),
                List.of(new PrescribedLine(1, DrugCode.of("2171022F1021"), BigDecimal.TEN, "tablet", "daily", 10)), 0,
                LocalDate.of(2026, 12, 2), "hash", "k2", 3,
                List.of(new AlertAcknowledgement(AlertId.of("alert-9"), "seen", List.of("c1"))),
                Instant.parse("2026-11-29T23:30:00Z"), LocalDate.EPOCH), ObjectNode.class).getData();
        payload.remove("issuedOn");
        ((ObjectNode) payload.withArray("lines").get(0)).remove("asNeeded");
        ((ObjectNode) payload.withArray("acknowledgedAlerts").get(0)).remove("conflictIds");
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("Prescription", AGGREGATE_ID, 0,
                "e7a3c0de-0000-4000-8000-000000000004", "2026-11-29T23:30:00Z", PrescriptionIssued.class.getName(),
                "3", payload.toString().getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));

        PrescriptionIssued inUtc = (PrescriptionIssued) upcastAndRead(stored, ZoneOffset.UTC).getPayload();
        PrescriptionIssued inTokyo = (PrescriptionIssued) upcastAndRead(stored, ZoneId.of("Asia/Tokyo")).getPayload();

        assertThat(inUtc.exchangeCodeKeyId()).isEqualTo("k2");
        assertThat(inUtc.exchangeCodeAttempt()).isEqualTo(3);
        assertThat(inUtc.issuedOn()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(inTokyo.issuedOn()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(inUtc.lines().get(0).asNeeded()).isFalse();
        assertThat(inUtc.acknowledgedAlerts().get(0).conflictIds()).isNull();
    }

    @Test
    void aRevisionFourEventIsReadAsStoredWhateverTheLegacyZone() {
        PrescriptionIssued issued = new PrescriptionIssued(PrescriptionId.of(AGGREGATE_ID),
                new PatientDetails(PatientId.of("PAT-0001"), LocalDate.of(1958, 4, 2), null),
                new PrescriberDetails(PrescriberId.of("DOC-17"), InstitutionId.of("HOSP-3")),
                List.of(new PrescribedLine(1, DrugCode.of("1149019F1027"), BigDecimal.TEN, "tablet", "when in pain", 5,
                        true)), 0,
                LocalDate.of(2026, 12, 2), "hash", "k2", 1,
                List.of(new AlertAcknowledgement(AlertId.of("alert-9"), "seen", List.of("c1"))),
                Instant.parse("2026-11-29T23:30:00Z"), LocalDate.of(2026, 11, 30));
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("Prescription", AGGREGATE_ID, 0,
                "e7a3c0de-0000-4000-8000-000000000005", "2026-11-29T23:30:00Z", PrescriptionIssued.class.getName(),
                "4", serializer.serialize(issued, byte[].class).getData(), "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(upcastAndRead(stored, ZoneOffset.UTC).getPayload()).isEqualTo(issued);
    }

    @Test
    void aRevisionOneDispensingIsDatedInTheZoneTheExchangeRanIn() {
        PrescriptionDispensed dispensed = new PrescriptionDispensed(PrescriptionId.of(AGGREGATE_ID),
                PharmacyId.of("PH-1"), PharmacistId.of("RPH-1"), 1,
                List.of(new DispensedItem(1, null, BigDecimal.TEN, 10)), true,
                Instant.parse("2026-11-29T23:30:00Z"), LocalDate.EPOCH, null, null);
        ObjectNode payload = serializer.serialize(dispensed, ObjectNode.class).getData();
        payload.remove("dispensedOn");
        payload.remove("countedAsPrescribed");
        payload.remove("substitutes");
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("Prescription", AGGREGATE_ID, 1,
                "e7a3c0de-0000-4000-8000-000000000006", "2026-11-29T23:30:00Z",
                PrescriptionDispensed.class.getName(), "1", payload.toString().getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));

        PrescriptionDispensed read = (PrescriptionDispensed) upcastAndRead(stored, ZoneId.of("Asia/Tokyo"))
                .getPayload();

        assertThat(read.dispensedOn()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(read.items()).isEqualTo(dispensed.items());
        assertThat(read.countedAsPrescribed()).as("not recorded by revision 1").isNull();
        assertThat(read.substitutes()).as("not recorded before revision 3").isNull();
    }

    @Test
    void aRevisionOneAcknowledgementCoversWhatTheAlertHadThen() {
        AlertAcknowledged acknowledged = new AlertAcknowledged(PrescriptionId.of(AGGREGATE_ID), AlertId.of("alert-1"),
                "monitored", Party.pharmacist(PharmacistId.of("RPH-1"), PharmacyId.of("PH-1")), Instant.EPOCH,
                List.of("c1"));
        ObjectNode payload = serializer.serialize(acknowledged, ObjectNode.class).getData();
        payload.remove("conflictIds");
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("Prescription", AGGREGATE_ID, 2,
                "e7a3c0de-0000-4000-8000-000000000007", "1970-01-01T00:00:00Z", AlertAcknowledged.class.getName(),
                "1", payload.toString().getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));

        AlertAcknowledged read = (AlertAcknowledged) upcastAndRead(stored, ZoneOffset.UTC).getPayload();

        assertThat(read.conflictIds()).isNull();
        assertThat(read.reason()).isEqualTo("monitored");
    }

    /** A frozen PrescriptionIssued of that revision as the event store holds it: its payload and metadata files. */
    private static GenericDomainEventEntry<byte[]> frozenIssued(String revision, String aggregateId, String eventId,
                                                                String timestamp) throws IOException {
        String file = "PrescriptionIssued-revision-" + revision;
        return new GenericDomainEventEntry<>("Prescription", aggregateId, 0, eventId, timestamp,
                PrescriptionIssued.class.getName(), revision, frozen(file + ".json"), frozen(file + ".metadata.json"));
    }

    private DomainEventMessage<?> upcastAndRead(GenericDomainEventEntry<byte[]> stored) {
        return upcastAndRead(stored, ZoneOffset.UTC);
    }

    private DomainEventMessage<?> upcastAndRead(GenericDomainEventEntry<byte[]> stored, ZoneId legacyZone) {
        return StoredRevisions.upcastAndRead(stored, new PrescriptionIssuedUpcaster(legacyZone),
                new PrescriptionDispensedUpcaster(legacyZone), new AlertAcknowledgedUpcaster());
    }
}
