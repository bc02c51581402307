package org.eprescription.core.interaction;

import org.eprescription.core.ids.AlertId;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The id of one conflict of one alert: derived from the alert and the conflicting course, so a draft check, the issue
 * and every replay give the same id, and an acknowledgement can say which conflicts it saw. The id reveals neither the
 * course nor its prescription, so a masked conflict carries it too.
 */
public final class ConflictIds {

    private ConflictIds() {
    }

    /** {@code courseKey} as {@link RecordedConflict#courseKey()} names a course. */
    public static String of(AlertId alertId, String courseKey) {
        String name = "conflict|" + alertId + "|" + courseKey;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
