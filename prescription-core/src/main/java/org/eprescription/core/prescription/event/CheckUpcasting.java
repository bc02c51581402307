package org.eprescription.core.prescription.event;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a check's event ({@link InteractionCheckCompleted}, {@link
 * org.eprescription.core.record.event.DispensingRecordChecked}) recorded before its current revision is read as what
 * it said: before checks named the drug codes they could not compare, none ({@code unknownDrugCodes} empty, the
 * answer then said the check was complete); before they named the courses they could not see, none ({@code
 * unchecked} empty, they could not know of them); before they described their courses' drugs, {@code drugs} null,
 * "not recorded" (docs/architecture.md, "Reference data").
 */
public final class CheckUpcasting {

    private CheckUpcasting() {
    }

    /** Adds to a check's event of an older revision what that revision did not record. */
    public static void addWhatOlderRevisionsLacked(ObjectNode event) {
        if (!event.has("unknownDrugCodes")) {
            event.putArray("unknownDrugCodes");
        }
        if (!event.has("unchecked")) {
            ObjectNode unchecked = event.putObject("unchecked");
            unchecked.putArray("prescriptions");
            unchecked.putArray("dispensingRecords");
        }
        event.putNull("drugs");
    }
}
