package org.eprescription.core.ids;

final class Identifiers {

    static final int MAX_LENGTH = 64;

    private Identifiers() {
    }

    static String requireText(String value, String type) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(type + " must not be blank");
        }
        String trimmed = value.strip();
        if (trimmed.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(type + " must be at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < trimmed.length(); i++) {
            if (Character.isISOControl(trimmed.charAt(i))) {
                throw new IllegalArgumentException(type + " must not contain control characters");
            }
        }
        return trimmed;
    }
}
