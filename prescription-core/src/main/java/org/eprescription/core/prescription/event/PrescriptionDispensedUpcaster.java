package org.eprescription.core.prescription.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.ZoneId;

/**
 * Reads a stored {@link PrescriptionDispensed} of revision 1 to 4 as revision 5. Revision 1 did not record the day of
 * the dispensing: the exchange dated it in the zone it ran in then, which this upcaster is given
 * ({@code exchange.legacy-event-zone}). Nor did it record how much of the prescribed drug its items counted as
 * ({@code countedAsPrescribed} stays null). For such an event a view works out how much of the prescribed drug a
 * substitute of another strength counted as, as it always did, but from the catalogue it runs with now, which is not
 * recorded anywhere for that day: the one figure of history a catalogue change can move. Revisions 1 and 2 did not
 * judge a substitute by its own limits, nor record them: {@code substitutes} is null, not recorded (never an empty
 * list, which says a dispensing handed out no substitute). Revisions 1 to 3 did not record how the catalogue described
 * the drugs handed out: {@code drugs} is null, "not recorded" (docs/architecture.md, "Reference data"). Revisions 1 to
 * 4 did not record the most days a course of what they handed out may run: {@code courseDays} is null, not recorded,
 * and the count of what a command moved without a check takes the longest line days it knows of the prescription
 * (docs/alerts.md, "After alerts were switched off"). Stored events are never rewritten.
 */
public class PrescriptionDispensedUpcaster extends LegacyDatingUpcaster {

    public PrescriptionDispensedUpcaster(ZoneId legacyZone) {
        super(PrescriptionDispensed.class, legacyZone, "5", "1", "2", "3", "4");
    }

    @Override
    protected JsonNode upcast(JsonNode payload, String revision) {
        ObjectNode event = (ObjectNode) payload;
        if ("1".equals(revision)) {
            event.put("dispensedOn", legacyDayOf(event.get("dispensedAt")));
            event.putNull("countedAsPrescribed");
        }
        nullIfAbsent(event, "substitutes");
        if (!"4".equals(revision)) {
            event.putNull("drugs");
        }
        event.putNull("courseDays");
        return event;
    }
}
