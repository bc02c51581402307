package org.eprescription.api.idempotency;

import org.eprescription.api.command.HandledCommand;

import java.util.Optional;

/**
 * The resource a recorded command changed, as a path to read it at: what a retry is pointed to when the request's
 * node stopped before it answered (the prescription an issue created under an id the exchange chose, say).
 */
final class RecordedResources {

    private static final String PRESCRIPTION_COMMANDS = "org.eprescription.core.prescription.";

    private RecordedResources() {
    }

    static Optional<String> pathOf(HandledCommand command) {
        if (command.targetId() == null) {
            return Optional.empty();
        }
        if (command.payload().getClass().getName().startsWith(PRESCRIPTION_COMMANDS)) {
            return Optional.of("/api/v1/prescriptions/" + command.targetId());
        }
        return Optional.empty();
    }
}
