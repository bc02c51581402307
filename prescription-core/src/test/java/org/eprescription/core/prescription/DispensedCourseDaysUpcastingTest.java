package org.eprescription.core.prescription;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.eprescription.core.prescription.event.DispensingCorrected;
import org.eprescription.core.prescription.event.DispensingCorrectedUpcaster;
import org.eprescription.core.prescription.event.PrescriptionDispensed;
import org.eprescription.core.prescription.event.PrescriptionDispensedUpcaster;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.ZoneOffset;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.core.prescription.StoredRevisions.STORE_JSON;
import static org.eprescription.core.prescription.StoredRevisions.frozenRevision;
import static org.eprescription.core.prescription.StoredRevisions.storedRevision;
import static org.eprescription.core.prescription.StoredRevisions.upcastAndRead;

/**
 * A dispensing or correction stored in the revision before they recorded the most days their courses may run (frozen
 * JSON, as the store kept it) reads as the current revision with {@code courseDays} null, not recorded, its drugs as
 * described and everything else as stored.
 */
class DispensedCourseDaysUpcastingTest {

    static Stream<Arguments> revisionsBeforeCourseDays() {
        return Stream.of(
                Arguments.of(PrescriptionDispensed.class, "4", new PrescriptionDispensedUpcaster(ZoneOffset.UTC)),
                Arguments.of(DispensingCorrected.class, "3", new DispensingCorrectedUpcaster()));
    }

    @ParameterizedTest(name = "{0} revision {1}")
    @MethodSource("revisionsBeforeCourseDays")
    void anEventOfTheRevisionBeforeReadsWithItsCourseDaysNotRecorded(Class<? extends Record> type, String revision,
                                                                     EventUpcaster upcaster) throws Exception {
        byte[] stored = frozenRevision(type, revision);
        GenericDomainEventEntry<byte[]> entry = storedRevision(type, revision,
                "e7a3c0de-0000-4000-8000-0000000002" + revision + "0");

        Object read = upcastAndRead(entry, upcaster).getPayload();

        assertThat(read).isInstanceOf(type);
        Integer courseDays = read instanceof PrescriptionDispensed dispensed ? dispensed.courseDays()
                : ((DispensingCorrected) read).courseDays();
        assertThat(courseDays).as("not recorded").isNull();
        ObjectNode readBack = (ObjectNode) STORE_JSON.readTree(STORE_JSON.writeValueAsBytes(read));
        assertThat(readBack.has("courseDays")).isTrue();
        readBack.remove("courseDays");
        assertThat(readBack).as("drugs and everything else as stored").isEqualTo(STORE_JSON.readTree(stored));
    }
}
