package org.eprescription.bench.common;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JSON of the lifecycle commands the benchmarks send, and what they read back from the answers. */
public final class Bodies {

    private static final Pattern EXCHANGE_CODE = Pattern.compile("\"exchangeCode\"\\s*:\\s*\"([0-9-]+)\"");

    private Bodies() {
    }

    /** {@code POST /prescriptions}; {@code lines} are {@link #line}s joined with commas. */
    public static String issue(String prescriptionId, String patientId, LocalDate birthDate, String patientName,
                               String prescriberId, String institutionId, String lines, int refills) {
        return "{\"prescriptionId\":\"" + prescriptionId + "\","
                + "\"patient\":{\"id\":\"" + patientId + "\",\"birthDate\":\"" + birthDate
                + "\",\"name\":\"" + patientName + "\"},"
                + "\"prescriber\":{\"id\":\"" + prescriberId + "\",\"institutionId\":\"" + institutionId + "\"},"
                + "\"lines\":[" + lines + "],\"refills\":" + refills + "}";
    }

    public static String line(int number, String drugCode, int quantity, String unit, String dosage, int days) {
        return "{\"lineNumber\":" + number + ",\"drugCode\":\"" + drugCode + "\",\"quantity\":" + quantity
                + ",\"unit\":\"" + unit + "\",\"dosage\":\"" + dosage + "\",\"days\":" + days + "}";
    }

    /** {@code POST /prescriptions/accept}. */
    public static String accept(String exchangeCode, LocalDate birthDate, String pharmacyId, String pharmacistId) {
        return "{\"exchangeCode\":\"" + exchangeCode + "\",\"patientBirthDate\":\"" + birthDate
                + "\",\"pharmacyId\":\"" + pharmacyId + "\",\"pharmacistId\":\"" + pharmacistId + "\"}";
    }

    /** {@code POST /prescriptions/{id}/dispense}; {@code items} are {@link #item}s joined with commas. */
    public static String dispense(String pharmacyId, String pharmacistId, String items, boolean completesUse) {
        return "{\"pharmacyId\":\"" + pharmacyId + "\",\"pharmacistId\":\"" + pharmacistId + "\",\"items\":[" + items
                + "],\"completesUse\":" + completesUse + "}";
    }

    public static String item(int number, String drugCode, int quantity, int days) {
        return "{\"lineNumber\":" + number + ",\"drugCode\":\"" + drugCode + "\",\"quantity\":" + quantity
                + ",\"days\":" + days + "}";
    }

    /** The exchange code an issue answered. */
    public static Optional<String> exchangeCode(String issued) {
        Matcher code = EXCHANGE_CODE.matcher(issued);
        return code.find() ? Optional.of(code.group(1)) : Optional.empty();
    }
}
