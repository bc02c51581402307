package org.eprescription.core.testsupport;

import org.eprescription.core.catalogue.CatalogueCsvLoader;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.ids.DrugCode;

/**
 * The bundled sample catalogue and the drugs of it that the tests prescribe, named by what the catalogue says they
 * are; shared with the query side's tests (this package is prescription-core's test jar).
 */
public final class SampleDrugs {

    public static final DrugCatalogue CATALOGUE = CatalogueCsvLoader.bundledSample();

    /** Amlodipine 5 mg tablet (brand A). */
    public static final DrugCode AMLODIPINE_BRAND_A = DrugCode.of("2171022F1021");
    /** Amlodipine 5 mg orally disintegrating tablet (generic C): the same ingredient, route and strength. */
    public static final DrugCode AMLODIPINE_GENERIC_C = DrugCode.of("2171022F3024");
    /** Amlodipine 2.5 mg tablet (brand A). */
    public static final DrugCode AMLODIPINE_HALF_STRENGTH = DrugCode.of("2171022F2028");
    /** Valsartan 80 mg / amlodipine 5 mg combination tablet. */
    public static final DrugCode VALSARTAN_AMLODIPINE = DrugCode.of("2149114F1026");
    /** Valsartan 160 mg / amlodipine 5 mg combination tablet. */
    public static final DrugCode VALSARTAN_AMLODIPINE_160_5 = DrugCode.of("2149114F2022");
    /** Loxoprofen sodium 60 mg tablet (oral). */
    public static final DrugCode LOXOPROFEN_TABLET = DrugCode.of("1149019F1027");
    /** Loxoprofen sodium 100 mg patch (topical). */
    public static final DrugCode LOXOPROFEN_PATCH = DrugCode.of("2649735S1028");
    /** Zolpidem tartrate 5 mg tablet (brand A). */
    public static final DrugCode ZOLPIDEM_5 = DrugCode.of("1129009F1025");
    /** Zolpidem tartrate 10 mg tablet (brand A). */
    public static final DrugCode ZOLPIDEM_10 = DrugCode.of("1129009F2021");
    /** Zolpidem tartrate 5 mg tablet (generic B). */
    public static final DrugCode ZOLPIDEM_5_GENERIC = DrugCode.of("1129009F1211");
    /** Nifedipine 10 mg capsule (immediate release). */
    public static final DrugCode NIFEDIPINE_CAPSULE = DrugCode.of("2171014M1020");
    /** Nifedipine 20 mg extended-release tablet. */
    public static final DrugCode NIFEDIPINE_EXTENDED_RELEASE = DrugCode.of("2171014G4023");
    /** Triazolam 0.25 mg tablet: contraindicated with itraconazole. */
    public static final DrugCode TRIAZOLAM = DrugCode.of("1124007F1024");
    /** Brotizolam 0.25 mg tablet: another benzodiazepine hypnotic. */
    public static final DrugCode BROTIZOLAM = DrugCode.of("1124009F1025");
    /** Itraconazole 50 mg capsule. */
    public static final DrugCode ITRACONAZOLE = DrugCode.of("6290002M1021");
    /** Miconazole 2% oral gel (20 mg/g), counted in g. */
    public static final DrugCode MICONAZOLE_GEL = DrugCode.of("6290004Q1024");
    /** Metformin hydrochloride 250 mg tablet: conflicts with none of the others. */
    public static final DrugCode METFORMIN = DrugCode.of("3962002F1024");
    /** A well-formed code the catalogue does not have. */
    public static final DrugCode NOT_IN_CATALOGUE = DrugCode.of("9999999X9999");

    private SampleDrugs() {
    }

    /** The drug of this class named {@code name}, for tables that list drugs by name. */
    public static DrugCode named(String name) {
        try {
            return (DrugCode) SampleDrugs.class.getField(name).get(null);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("no sample drug named " + name, e);
        }
    }
}
