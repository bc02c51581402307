package org.eprescription.core.prescription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.eprescription.core.prescription.event.DispensingCorrected;
import org.eprescription.core.prescription.event.DispensingCorrectedUpcaster;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.eprescription.core.prescription.event.InteractionCheckCompletedUpcaster;
import org.eprescription.core.prescription.event.PrescriptionAmended;
import org.eprescription.core.prescription.event.PrescriptionAmendedUpcaster;
import org.eprescription.core.prescription.event.PrescriptionDispensed;
import org.eprescription.core.prescription.event.PrescriptionDispensedUpcaster;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.eprescription.core.prescription.event.PrescriptionIssuedUpcaster;
import org.eprescription.core.record.event.DispensingRecordChecked;
import org.eprescription.core.record.event.DispensingRecordCheckedUpcaster;
import org.eprescription.core.record.event.DispensingRecordCorrected;
import org.eprescription.core.record.event.DispensingRegistered;
import org.eprescription.core.record.event.RecordItemsUpcaster;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.core.prescription.StoredRevisions.STORE_JSON;
import static org.eprescription.core.prescription.StoredRevisions.frozenRevision;
import static org.eprescription.core.prescription.StoredRevisions.storedRevision;
import static org.eprescription.core.prescription.StoredRevisions.upcastAndRead;

/**
 * An event stored in the revision before events described their drugs, frozen as the store kept it, reads as the
 * current revision with {@code drugs} null ("not recorded", not "unknown to the catalogue") and nothing else changed.
 */
class RecordedDrugsUpcastingTest {

    static Stream<Arguments> revisionsBeforeDescriptions() {
        return Stream.of(
                Arguments.of(PrescriptionIssued.class, "4", new PrescriptionIssuedUpcaster(ZoneOffset.UTC)),
                Arguments.of(PrescriptionAmended.class, "1", new PrescriptionAmendedUpcaster()),
                Arguments.of(PrescriptionDispensed.class, "3", new PrescriptionDispensedUpcaster(ZoneOffset.UTC)),
                Arguments.of(DispensingCorrected.class, "2", new DispensingCorrectedUpcaster()),
                Arguments.of(InteractionCheckCompleted.class, "4", new InteractionCheckCompletedUpcaster()),
                Arguments.of(DispensingRegistered.class, "2", RecordItemsUpcaster.ofRegistrations()),
                Arguments.of(DispensingRecordCorrected.class, "2", RecordItemsUpcaster.ofCorrections()),
                Arguments.of(DispensingRecordChecked.class, "3", new DispensingRecordCheckedUpcaster()));
    }

    @ParameterizedTest(name = "{0} revision {1}")
    @MethodSource("revisionsBeforeDescriptions")
    void anEventOfTheRevisionBeforeReadsWithItsDrugsNotRecordedAndEverythingElseAsStored(
            Class<? extends Record> type, String revision, EventUpcaster upcaster) throws Exception {
        byte[] stored = frozenRevision(type, revision);
        GenericDomainEventEntry<byte[]> entry = storedRevision(type, revision,
                "e7a3c0de-0000-4000-8000-0000000001" + revision + "0");

        Object read = upcastAndRead(entry, upcaster).getPayload();

        assertThat(read).isInstanceOf(type);
        RecordComponent drugs = Arrays.stream(type.getRecordComponents())
                .filter(component -> component.getName().equals("drugs")).findFirst().orElseThrow();
        assertThat(drugs.getAccessor().invoke(read)).as("not recorded").isNull();
        ObjectNode readBack = (ObjectNode) STORE_JSON.readTree(STORE_JSON.writeValueAsBytes(read));
        readBack.remove("drugs");
        // a field a later revision added, which PrescriptionAmendedUpcasterTest reads
        readBack.remove("plannedFrom");
        // a field a later revision added, which DispensedCourseDaysUpcastingTest reads
        readBack.remove("courseDays");
        assertThat(readBack).isEqualTo(storedJson(stored));
    }

    private static JsonNode storedJson(byte[] stored) throws IOException {
        return STORE_JSON.readTree(stored);
    }
}
