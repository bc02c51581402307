package org.eprescription.core.prescription;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.event.DispensingCorrected;
import org.eprescription.core.prescription.event.DispensingCorrectedUpcaster;
import org.eprescription.core.prescription.event.PrescriptionDispensed;
import org.eprescription.core.prescription.event.PrescriptionDispensedUpcaster;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.core.prescription.StoredRevisions.AGGREGATE_ID;
import static org.eprescription.core.prescription.StoredRevisions.storedPrescriptionEvent;
import static org.eprescription.core.prescription.StoredRevisions.upcastAndRead;

/**
 * A PrescriptionDispensed stored as revision 2 and a DispensingCorrected stored as revision 1 (frozen JSON, as the
 * store kept them) read as their current revisions, with everything they recorded and {@code substitutes} null: they
 * did not judge a substitute by its own limits, and are never read as if they had (an empty list would say no
 * substitute went out).
 */
class DispensingRevisionsUpcasterTest {

    private static final DrugCode HALF_STRENGTH = DrugCode.of("2171022F2028");

    @Test
    void aRevisionTwoDispensingReadsWithItsSubstitutesNotRecorded() throws IOException {
        GenericDomainEventEntry<byte[]> stored = storedPrescriptionEvent(2,
                "e7a3c0de-0000-4000-8000-000000000021", "2026-11-29T08:40:12.417305861Z",
                PrescriptionDispensed.class, "2");

        Object read = upcastAndRead(stored, new PrescriptionDispensedUpcaster(ZoneOffset.UTC)).getPayload();

        assertThat(read).isEqualTo(new PrescriptionDispensed(PrescriptionId.of(AGGREGATE_ID), PharmacyId.of("PH-1"),
                PharmacistId.of("RPH-1"), 1, List.of(new DispensedItem(1, HALF_STRENGTH, new BigDecimal("56"), 28)),
                true, Instant.parse("2026-11-29T08:40:12.417305861Z"), LocalDate.of(2026, 11, 29),
                List.of(new LineQuantity(1, new BigDecimal("28"))), null));
    }

    @Test
    void aRevisionOneCorrectionReadsWithItsSubstitutesNotRecorded() throws IOException {
        GenericDomainEventEntry<byte[]> stored = storedPrescriptionEvent(3,
                "e7a3c0de-0000-4000-8000-000000000022", "2026-11-29T09:02:47.5Z", DispensingCorrected.class, "1");

        Object read = upcastAndRead(stored, new DispensingCorrectedUpcaster()).getPayload();

        assertThat(read).isEqualTo(new DispensingCorrected(PrescriptionId.of(AGGREGATE_ID), 1, 1,
                PharmacyId.of("PH-1"), PharmacistId.of("RPH-1"), "entered 56, gave 40",
                List.of(new DispensedItem(1, HALF_STRENGTH, new BigDecimal("40"), 20)), true,
                Instant.parse("2026-11-29T09:02:47.5Z"), LocalDate.of(2026, 11, 29),
                List.of(new LineQuantity(1, new BigDecimal("20"))), null));
    }
}
