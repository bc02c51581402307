package org.eprescription.api.support;

import org.eprescription.core.catalogue.CatalogueCsvLoader;
import org.eprescription.core.catalogue.Drug;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.ids.DrugCode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request bodies as an EHR or a pharmacy system sends them (docs/http-api.md), with fresh ids for every test. */
public final class Prescriptions {

    public static final String AMLODIPINE_BRAND = "2171022F1021";
    public static final String AMLODIPINE_GENERIC = "2171022F3024";
    public static final String AMLODIPINE_HALF_STRENGTH = "2171022F2028";
    public static final String NIFEDIPINE_CAPSULE = "2171014M1020";
    public static final String NIFEDIPINE_EXTENDED_RELEASE = "2171014G4023";
    public static final String VALSARTAN_AMLODIPINE = "2149114F1026";
    public static final String ZOLPIDEM = "1129009F1025";
    public static final String ZOLPIDEM_GENERIC = "1129009F1211";
    public static final String ZOLPIDEM_DOUBLE_STRENGTH = "1129009F2021";
    /** A contraindicated pair (併用禁忌): the hypnotic and the antifungal. */
    public static final String TRIAZOLAM = "1124007F1024";
    public static final String ITRACONAZOLE = "6290002M1021";
    public static final String METFORMIN = "3962002F1024";
    public static final String LOXOPROFEN_TABLET = "1149019F1027";
    private static final DrugCatalogue CATALOGUE = CatalogueCsvLoader.bundledSample();
    public static final LocalDate BIRTH_DATE = LocalDate.of(1958, 4, 2);

    private Prescriptions() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> line(int number, String drugCode, int quantity, int days) {
        Map<String, Object> line = new HashMap<>();
        line.put("lineNumber", number);
        line.put("drugCode", drugCode);
        line.put("quantity", quantity);
        line.put("unit", unitOf(drugCode));
        line.put("dosage", "1 tablet once daily after breakfast");
        line.put("days", days);
        return line;
    }

    /** An issue body for a new patient at a new institution, one amlodipine line of 28 tablets for 28 days. */
    public static Map<String, Object> issue(String institutionId) {
        Map<String, Object> body = new HashMap<>();
        body.put("prescriptionId", UUID.randomUUID().toString());
        body.put("patient", new HashMap<>(Map.of("id", unique("PAT"), "birthDate", BIRTH_DATE.toString(),
                "name", "Hanako Yamada")));
        body.put("prescriber", new HashMap<>(Map.of("id", unique("DOC"), "institutionId", institutionId)));
        body.put("lines", new ArrayList<>(List.of(line(1, AMLODIPINE_BRAND, 28, 28))));
        body.put("refills", 0);
        return body;
    }

    /** One line of {@code drugCode} for {@code days} days, for a given patient, by DOC-{institution} of it. */
    public static Map<String, Object> issueFor(String patientId, String institutionId, String drugCode, int days) {
        Map<String, Object> body = new HashMap<>();
        body.put("prescriptionId", UUID.randomUUID().toString());
        body.put("patient", Map.of("id", patientId, "birthDate", BIRTH_DATE.toString()));
        body.put("prescriber", Map.of("id", "DOC-" + institutionId, "institutionId", institutionId));
        body.put("lines", List.of(line(1, drugCode, days, days)));
        body.put("refills", 0);
        return body;
    }

    /** The unit the bundled catalogue counts {@code drugCode} in, as a line of it must name (docs/domain.md). */
    public static String unitOf(String drugCode) {
        return CATALOGUE.find(DrugCode.of(drugCode)).map(Drug::unit).orElse("tablet");
    }

    public static Map<String, Object> accept(String exchangeCode, LocalDate birthDate, String pharmacyId) {
        return Map.of("exchangeCode", exchangeCode, "patientBirthDate", birthDate.toString(),
                "pharmacyId", pharmacyId, "pharmacistId", "RPH-" + pharmacyId);
    }

    public static Map<String, Object> item(int lineNumber, String drugCode, int quantity, int days) {
        return Map.of("lineNumber", lineNumber, "drugCode", drugCode, "quantity", quantity, "days", days);
    }

    public static Map<String, Object> dispense(String pharmacyId, boolean completesUse, Map<String, Object>... items) {
        return Map.of("pharmacyId", pharmacyId, "pharmacistId", "RPH-" + pharmacyId, "items", List.of(items),
                "completesUse", completesUse);
    }

    public static Map<String, String> prescriberHeaders(String institutionId) {
        return Map.of("X-Prescriber-Id", "DOC-1", "X-Institution-Id", institutionId);
    }

    /** A dispensing without an electronic prescription, registered by a new pharmacy: its record's id. */
    public static String registeredDispensing(HttpApi api) {
        HttpApi.Response registered = api.as(Identity.pharmacist(unique("PH"))).post("/dispensing-records", Map.of(
                "patient", Map.of("id", unique("PAT"), "birthDate", BIRTH_DATE.toString()),
                "items", List.of(Map.of("drugCode", AMLODIPINE_BRAND, "quantity", 7, "days", 7)),
                "prescribingInstitutionId", unique("CLINIC")));
        org.assertj.core.api.Assertions.assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return registered.text("recordId");
    }
}
