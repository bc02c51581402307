package org.eprescription.core.prescription;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.eprescription.core.prescription.event.PrescriptionAmended;
import org.eprescription.core.prescription.event.PrescriptionAmendedUpcaster;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.core.prescription.StoredRevisions.AGGREGATE_ID;
import static org.eprescription.core.prescription.StoredRevisions.frozen;
import static org.eprescription.core.prescription.StoredRevisions.upcastAndRead;

/**
 * A PrescriptionAmended stored as revision 1 or 2 (frozen JSON, as the store kept it) reads as revision 3 with
 * everything it recorded, and, for the day its amended courses start, which it did not record, the latest that day
 * can be: a refill's planned day is at most the longest days of supply (365) after the amendment. What counts an
 * amendment made without a check as unchecked then runs too long, never too short.
 */
class PrescriptionAmendedUpcasterTest {

    /** As the exchange's store writes events: ISO dates, exact decimals. */
    private static final ObjectMapper STORE_JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    @ParameterizedTest(name = "revision {0}")
    @ValueSource(strings = {"1", "2"})
    void anAmendmentOfAnEarlierRevisionReadsAsPlannedFromTheLatestDayItsCoursesCouldStart(String revision)
            throws Exception {
        byte[] stored = frozen("PrescriptionAmended-revision-" + revision + ".json");
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Prescription", AGGREGATE_ID, 6,
                "e7a3c0de-0000-4000-8000-00000000006" + revision, "2025-04-01T09:15:30.123456789Z",
                PrescriptionAmended.class.getName(), revision, stored,
                "{\"patientId\":\"patient-1\"}".getBytes(StandardCharsets.UTF_8));

        PrescriptionAmended read = (PrescriptionAmended) upcastAndRead(entry, new PrescriptionAmendedUpcaster())
                .getPayload();

        assertThat(read.amendedOn()).isEqualTo(LocalDate.of(2025, 4, 2));
        assertThat(read.plannedFrom()).isEqualTo(LocalDate.of(2026, 4, 2));
        ObjectNode readBack = (ObjectNode) STORE_JSON.readTree(STORE_JSON.writeValueAsBytes(read));
        readBack.remove("plannedFrom");
        if ("1".equals(revision)) {
            assertThat(read.drugs()).as("not recorded").isNull();
            readBack.remove("drugs");
        }
        assertThat(readBack).as("everything else as stored").isEqualTo(STORE_JSON.readTree(stored));
    }
}
