package org.eprescription.core.prescription.event;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A check's event recorded before checks named the courses they could not see ({@code unchecked}) is read with none:
 * it could not know of them, and its answer said so ({@link InteractionCheckCompletedUpcaster}).
 */
public final class UncheckedUpcasting {

    private UncheckedUpcasting() {
    }

    public static void addNone(ObjectNode event) {
        if (!event.has("unchecked")) {
            ObjectNode unchecked = event.putObject("unchecked");
            unchecked.putArray("prescriptions");
            unchecked.putArray("dispensingRecords");
        }
    }
}
