package org.eprescription.core.prescription.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * An upcaster of an event whose older revisions did not record the day they were decided on: the exchange dated them
 * in the zone it ran in then, which this upcaster is given ({@code exchange.legacy-event-zone}).
 */
abstract class LegacyDatingUpcaster extends RevisionUpcaster {

    private final ZoneId legacyZone;

    protected LegacyDatingUpcaster(Class<?> event, ZoneId legacyZone, String currentRevision,
                                   String... olderRevisions) {
        super(event, currentRevision, olderRevisions);
        this.legacyZone = legacyZone;
    }

    /** The day (ISO-8601) on which the stored instant fell in the zone the exchange dated events in then. */
    protected final String legacyDayOf(JsonNode storedInstant) {
        return LocalDate.ofInstant(StoredInstants.read(storedInstant), legacyZone).toString();
    }
}
