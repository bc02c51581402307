package org.eprescription.core.prescription.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eprescription.core.prescription.Prescription;

import java.time.LocalDate;

/**
 * Reads a stored {@link PrescriptionAmended} of revision 1 or 2 as revision 3. Stored events are never rewritten; this
 * runs whenever one is read.
 * <ul>
 *   <li>Revision 1 did not record how the catalogue described the lines' drugs: {@code drugs} is null, "not
 *   recorded", and a view names them by the catalogue it runs with (docs/architecture.md, "Reference data").</li>
 *   <li>Revisions 1 and 2 did not record the day the amended lines' planned courses start ({@code plannedFrom}): the
 *   amendment's day, or the planned day of the refill it was made for, which the event alone cannot tell. It is read
 *   as the latest that day can be: a refill is planned at most the longest days of supply
 *   ({@link Prescription#MAX_DAYS}) after the use before it was completed, which was no later than the amendment.
 *   Only the count of what a command moved without a check reads it, and there a course counted too long is the safe
 *   side (docs/alerts.md, "After alerts were switched off").</li>
 * </ul>
 */
public class PrescriptionAmendedUpcaster extends RevisionUpcaster {

    public PrescriptionAmendedUpcaster() {
        super(PrescriptionAmended.class, "3", "1", "2");
    }

    @Override
    protected JsonNode upcast(JsonNode payload, String revision) {
        if (payload instanceof ObjectNode event) {
            if ("1".equals(revision)) {
                event.putNull("drugs");
            }
            LocalDate amendedOn = LocalDate.parse(event.get("amendedOn").asText());
            event.put("plannedFrom", amendedOn.plusDays(Prescription.MAX_DAYS).toString());
        }
        return payload;
    }
}
