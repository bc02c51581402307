package org.eprescription.bench.common;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The FHIR R4 JSON of the Task operations the lifecycle benchmark sends (docs/fhir.md: {@code Task/$create},
 * {@code $accept}, {@code $dispense}), the twins of {@link Bodies}, and what it reads back from the answers. Written
 * as text, as {@link Bodies} is, so that the load client stays JDK only and spends nothing on a FHIR model; the
 * exchange parses every one strictly. The identifier systems are under the exchange's default base.
 */
public final class FhirBodies {

    static final String SID = "http://example.org/fhir/sid/";
    private static final String YJ = "urn:oid:1.2.392.100495.20.1.73";
    private static final String UCUM_DAYS = "\"unit\":\"d\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"d\"";
    private static final Pattern EXCHANGE_CODE = identifier("exchange-code");
    private static final Pattern PRESCRIPTION_ID = identifier("prescription-id");
    /** The Bundle's entries name each other by these (only within the Bundle). */
    private static final String PATIENT = "urn:uuid:0f4c6e52-5d0e-4a8a-9a55-3d2b1c7a0001";
    private static final String PRACTITIONER = "urn:uuid:0f4c6e52-5d0e-4a8a-9a55-3d2b1c7a0002";
    private static final String ORGANIZATION = "urn:uuid:0f4c6e52-5d0e-4a8a-9a55-3d2b1c7a0003";
    private static final String LINE = "urn:uuid:0f4c6e52-5d0e-4a8a-9a55-3d2b1c7a0004";

    private FhirBodies() {
    }

    /** {@code Task/$create}: a Bundle of the patient, prescriber, institution and one MedicationRequest. */
    public static String create(String patientId, LocalDate birthDate, String given, String family,
                                String prescriberId, String institutionId, String drugCode, int quantity, String unit,
                                String dosage, int days, int refills) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
                + entry(PATIENT, "{\"resourceType\":\"Patient\",\"identifier\":[" + id("patient-id", patientId)
                        + "],\"name\":[{\"family\":\"" + family + "\",\"given\":[\"" + given + "\"]}],\"birthDate\":\""
                        + birthDate + "\"}") + ","
                + entry(PRACTITIONER, "{\"resourceType\":\"Practitioner\",\"identifier\":["
                        + id("practitioner-id", prescriberId) + "]}") + ","
                + entry(ORGANIZATION, "{\"resourceType\":\"Organization\",\"identifier\":["
                        + id("institution-id", institutionId) + "]}") + ","
                + entry(LINE, "{\"resourceType\":\"MedicationRequest\",\"status\":\"active\","
                        + "\"intent\":\"order\",\"medicationCodeableConcept\":" + drug(drugCode) + ","
                        + "\"subject\":{\"reference\":\"" + PATIENT + "\"},"
                        + "\"requester\":{\"reference\":\"" + PRACTITIONER + "\"},"
                        + "\"dosageInstruction\":[{\"text\":\"" + dosage + "\"}],"
                        + "\"dispenseRequest\":{\"numberOfRepeatsAllowed\":" + refills + ","
                        + "\"quantity\":{\"value\":" + quantity + ",\"unit\":\"" + unit + "\"},"
                        + "\"expectedSupplyDuration\":{\"value\":" + days + "," + UCUM_DAYS + "}}}")
                + "]}";
    }

    /** {@code Task/$accept}: the code and birth date the patient shows. */
    public static String accept(String exchangeCode, LocalDate birthDate) {
        return "{\"resourceType\":\"Parameters\",\"parameter\":["
                + "{\"name\":\"exchange-code\",\"valueString\":\"" + exchangeCode + "\"},"
                + "{\"name\":\"birth-date\",\"valueDate\":\"" + birthDate + "\"}]}";
    }

    /** {@code Task/{id}/$dispense} of one item against line {@code lineNumber}, completing the use or not. */
    public static String dispense(String prescriptionId, int lineNumber, String drugCode, int quantity, String unit,
                                  int days, boolean completesUse) {
        return "{\"resourceType\":\"Parameters\",\"parameter\":["
                + "{\"name\":\"medicationDispense\",\"resource\":{\"resourceType\":\"MedicationDispense\","
                + "\"status\":\"completed\",\"medicationCodeableConcept\":" + drug(drugCode) + ","
                + "\"authorizingPrescription\":[{\"type\":\"MedicationRequest\",\"identifier\":"
                + id("prescription-line", prescriptionId + "/" + lineNumber) + "}],"
                + "\"quantity\":{\"value\":" + quantity + ",\"unit\":\"" + unit + "\"},"
                + "\"daysSupply\":{\"value\":" + days + "," + UCUM_DAYS + "}}},"
                + "{\"name\":\"completes-use\",\"valueBoolean\":" + completesUse + "}]}";
    }

    /** The exchange code the Task of a {@code $create} answer carries. */
    public static Optional<String> exchangeCode(String created) {
        return first(EXCHANGE_CODE, created);
    }

    /** The prescription id (the Task's id) a {@code $create} answer names. */
    public static Optional<String> prescriptionId(String created) {
        return first(PRESCRIPTION_ID, created);
    }

    private static String entry(String fullUrl, String resource) {
        return "{\"fullUrl\":\"" + fullUrl + "\",\"resource\":" + resource + "}";
    }

    private static String id(String system, String value) {
        return "{\"system\":\"" + SID + system + "\",\"value\":\"" + value + "\"}";
    }

    private static String drug(String drugCode) {
        return "{\"coding\":[{\"system\":\"" + YJ + "\",\"code\":\"" + drugCode + "\"}]}";
    }

    /** An identifier's value by its system's last segment, whatever base the exchange names its systems under. */
    private static Pattern identifier(String system) {
        return Pattern.compile("\"system\"\\s*:\\s*\"[^\"]*/" + system + "\"\\s*,\\s*\"value\"\\s*:\\s*\"([^\"]+)\"");
    }

    private static Optional<String> first(Pattern pattern, String text) {
        Matcher found = pattern.matcher(text);
        return found.find() ? Optional.of(found.group(1)) : Optional.empty();
    }
}
