package org.eprescription.api.command;

import java.util.Optional;

/**
 * The resource a recorded command changed, as a path to read it at: what every answer of a recorded command names in
 * {@code Location}, also a retry's when the request's node stopped before it answered (the prescription an issue
 * created under an id the exchange chose, the record a registration created without a {@code recordId}).
 */
public final class RecordedResources {

    private static final String PRESCRIPTION_COMMANDS = "org.eprescription.core.prescription.";
    private static final String RECORD_COMMANDS = "org.eprescription.core.record.";

    private RecordedResources() {
    }

    public static Optional<String> pathOf(HandledCommand command) {
        if (command.targetId() == null) {
            return Optional.empty();
        }
        String type = command.payload().getClass().getName();
        if (type.startsWith(PRESCRIPTION_COMMANDS)) {
            return Optional.of("/api/v1/prescriptions/" + command.targetId());
        }
        if (type.startsWith(RECORD_COMMANDS)) {
            return Optional.of("/api/v1/dispensing-records/" + command.targetId());
        }
        return Optional.empty();
    }
}
