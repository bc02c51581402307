package org.eprescription.core.prescription.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eprescription.core.code.ExchangeCodes;

import java.time.ZoneId;

/**
 * Reads a stored {@link PrescriptionIssued} of an older revision as the current one (5). Stored events are never
 * rewritten; this runs whenever one is read.
 * <ul>
 *   <li>Revision 1 predates key ids, and every code of that time was derived with the first key, so
 *   {@code exchangeCodeKeyId} becomes {@link ExchangeCodes#FIRST_KEY_ID}.</li>
 *   <li>Revisions 1 and 2 predate derivation attempts, and every code of that time was the first derivation, so
 *   {@code exchangeCodeAttempt} becomes 0.</li>
 *   <li>Revisions 1 to 3 did not record the day of issue: the exchange dated it in the zone it ran in then, which
 *   this upcaster is given ({@code exchange.legacy-event-zone}, UTC unless a deployment ran in another). Their lines
 *   were all taken on a schedule, and their acknowledgements did not say which conflicts they saw.</li>
 *   <li>Revisions 1 to 4 did not record how the catalogue described the lines' drugs: {@code drugs} is null, "not
 *   recorded", and a view names them by the catalogue it runs with (docs/architecture.md, "Reference data").</li>
 * </ul>
 */
public class PrescriptionIssuedUpcaster extends LegacyDatingUpcaster {

    /** @param legacyZone the zone in which the exchange dated events before they recorded their dates */
    public PrescriptionIssuedUpcaster(ZoneId legacyZone) {
        super(PrescriptionIssued.class, legacyZone, "5", "1", "2", "3", "4");
    }

    @Override
    protected JsonNode upcast(JsonNode payload, String revision) {
        ObjectNode event = (ObjectNode) payload;
        event.putNull("drugs");
        if ("4".equals(revision)) {
            return event;
        }
        if ("1".equals(revision)) {
            event.put("exchangeCodeKeyId", ExchangeCodes.FIRST_KEY_ID);
        }
        if (!"3".equals(revision)) {
            event.put("exchangeCodeAttempt", 0);
        }
        event.put("issuedOn", legacyDayOf(event.get("issuedAt")));
        event.withArray("lines").forEach(line -> ((ObjectNode) line).put("asNeeded", false));
        event.withArray("acknowledgedAlerts").forEach(ack -> ((ObjectNode) ack).putNull("conflictIds"));
        return event;
    }
}
