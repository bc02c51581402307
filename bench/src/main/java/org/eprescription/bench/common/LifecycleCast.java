package org.eprescription.bench.common;

import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Who takes part in one lifecycle (issue -> accept -> dispense of one line, the whole quantity): a new patient
 * with a random birth date, a random prescriber of a random institution, a random pharmacist of a random pharmacy,
 * and one of five drugs of the sample catalogue; and the bodies of its three requests, through the JSON API or the
 * FHIR interface ({@code fhir*}).
 */
public record LifecycleCast(String prescriptionId, String patientId, LocalDate birthDate, int institution,
                            String prescriberId, int pharmacy, String pharmacistId, String drugCode) {

    static final String[] DRUG_CODES = {"2171022F1021", "1129009F1025", "2189015F1023", "3962002F1024",
            "1149019F1027"};
    /** The line: this many tablets for as many days, one a day; dispensed whole. */
    private static final int SUPPLY = 28;
    private static final String UNIT = "tablet";
    private static final String DOSAGE = "1 tablet daily";
    private static final String GIVEN_NAME = "Bench";
    private static final String FAMILY_NAME = "Patient";

    public static LifecycleCast random(Staff staff) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int institution = random.nextInt(staff.institutions()) + 1;
        int pharmacy = random.nextInt(staff.pharmacies()) + 1;
        return new LifecycleCast(UUID.randomUUID().toString(),
                "PAT-" + Long.toHexString(random.nextLong() & Long.MAX_VALUE),
                LocalDate.of(1930, 1, 1).plusDays(random.nextInt(365 * 75)),
                institution, Staff.prescriberId(institution, random.nextInt(staff.prescribersPerInstitution()) + 1),
                pharmacy, Staff.pharmacistId(pharmacy, random.nextInt(staff.pharmacistsPerPharmacy()) + 1),
                DRUG_CODES[random.nextInt(DRUG_CODES.length)]);
    }

    public String institutionId() {
        return Staff.institutionId(institution);
    }

    public String pharmacyId() {
        return Staff.pharmacyId(pharmacy);
    }

    /** The prescriber's token (cached: fetched before anything is timed). */
    public String prescriberToken(Tokens tokens) {
        return tokens.prescriber(prescriberId, institutionId());
    }

    public String pharmacistToken(Tokens tokens) {
        return tokens.pharmacist(pharmacistId, pharmacyId());
    }

    public String issue() {
        return Bodies.issue(prescriptionId, patientId, birthDate, GIVEN_NAME + " " + FAMILY_NAME, prescriberId,
                institutionId(), Bodies.line(1, drugCode, SUPPLY, UNIT, DOSAGE, SUPPLY), 0);
    }

    public String accept(String exchangeCode) {
        return Bodies.accept(exchangeCode, birthDate, pharmacyId(), pharmacistId);
    }

    public String dispensePath() {
        return "/prescriptions/" + prescriptionId + "/dispense";
    }

    public String dispense() {
        return Bodies.dispense(pharmacyId(), pharmacistId, Bodies.item(1, drugCode, SUPPLY, SUPPLY), true);
    }

    /**
     * {@link #issue()} through {@code Task/$create}: the same patient, prescriber and line. The exchange gives the
     * prescription its id ({@link #prescriptionId} is not sent).
     */
    public String fhirCreate() {
        return FhirBodies.create(patientId, birthDate, GIVEN_NAME, FAMILY_NAME, prescriberId, institutionId(), drugCode,
                SUPPLY, UNIT, DOSAGE, SUPPLY, 0);
    }

    /** {@link #accept} through {@code Task/$accept}: the token names the pharmacy and pharmacist. */
    public String fhirAccept(String exchangeCode) {
        return FhirBodies.accept(exchangeCode, birthDate);
    }

    /** {@link #dispensePath()} of the prescription the exchange named {@code taskId}. */
    public static String fhirDispensePath(String taskId) {
        return "/Task/" + taskId + "/$dispense";
    }

    /** {@link #dispense()} through {@code Task/{id}/$dispense}: the whole line, completing the use. */
    public String fhirDispense(String taskId) {
        return FhirBodies.dispense(taskId, 1, drugCode, SUPPLY, UNIT, SUPPLY, true);
    }
}
