package org.eprescription.core.interaction;

import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.PrescriptionId;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
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
        return idOf(name);
    }

    /**
     * An alert a registered dispensing raised, in one revision of the record: a correction's check raises alerts of
     * its own, and the earlier revision's are resolved.
     */
    public static AlertId of(DispensingRecordId recordId, int revision, int itemNumber, AlertType type, String key) {
        return idOf("alert|" + recordId + "|" + revision + "|" + itemNumber + "|" + type + "|" + key);
    }

    /** An alert's id and what it is known by, its type and key: none may be missing. */
    static void requireNamed(AlertId alertId, AlertType type, String key) {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
    }

    private static AlertId idOf(String name) {
        return AlertId.of(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());
    }
}
