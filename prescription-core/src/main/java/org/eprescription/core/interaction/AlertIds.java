package org.eprescription.core.interaction;

import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.PrescriptionId;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Alert ids derived from what an alert links, so a replay rebuilds the same ids and a draft check run with the
 * intended prescription id predicts the ids the issued prescription's alerts will have.
 */
public final class AlertIds {

    private AlertIds() {
    }

    public static AlertId of(PrescriptionId prescriptionId, int lineNumber, AlertType type, String key) {
        String name = "alert|" + prescriptionId + "|" + lineNumber + "|" + type + "|" + key;
        return AlertId.of(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());
    }
}
