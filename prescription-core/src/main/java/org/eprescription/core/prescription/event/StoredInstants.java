package org.eprescription.core.prescription.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;

/** An instant as a stored payload holds it: ISO-8601 text, or seconds since the epoch as Jackson writes by default. */
final class StoredInstants {

    private StoredInstants() {
    }

    static Instant read(JsonNode node) {
        if (node.isNumber()) {
            BigDecimal seconds = node.decimalValue();
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
        }
        return Instant.parse(node.asText());
    }
}
