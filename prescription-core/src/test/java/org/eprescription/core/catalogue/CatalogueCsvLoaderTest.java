package org.eprescription.core.catalogue;

import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.testsupport.SampleDrugs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogueCsvLoaderTest {

    private final DrugCatalogue catalogue = CatalogueCsvLoader.bundledSample();

    private Drug drug(String code) {
        return catalogue.find(DrugCode.of(code)).orElseThrow();
    }

    /** A catalogue of these drug rows and no contraindicated pairs. */
    private static DrugCatalogue withoutPairs(String drugs) throws IOException {
        return CatalogueCsvLoader.load(new StringReader(drugs), new StringReader("ingredient_a,ingredient_b,note\n"));
    }

    /** The sample drug of that name in {@link SampleDrugs}. */
    private Drug sampleDrug(String name) {
        return catalogue.find(SampleDrugs.named(name)).orElseThrow();
    }

    @Test
    void theBundledSampleHasThirtySixDrugsAndElevenContraindicatedPairs() {
        assertThat(catalogue.size()).isEqualTo(36);
        assertThat(catalogue.contraindicatedPairs()).hasSize(11);
    }

    @Test
    void aDrugIsReadWithAllItsColumns() {
        Drug amlodipine = drug("2171022F1021");
        assertThat(amlodipine.name()).isEqualTo("Amlodipine 5 mg tablet (brand A)");
        assertThat(amlodipine.ingredients()).containsExactly("amlodipine");
        assertThat(amlodipine.route()).isEqualTo(Route.ORAL);
        assertThat(amlodipine.classCode()).isEqualTo("2171");
        assertThat(amlodipine.className()).isEqualTo("coronary vasodilators");
        assertThat(amlodipine.unit()).isEqualTo("tablet");
    }

    @Test
    void aCombinationProductHasBothIngredients() {
        assertThat(drug("2149114F1026").ingredients()).containsExactlyInAnyOrder("valsartan", "amlodipine");
        assertThat(drug("2190103F1020").ingredients()).containsExactlyInAnyOrder("amlodipine", "atorvastatin");
    }

    @Test
    void ingredientsWithSpacesAreKeptWhole() {
        assertThat(drug("2171017F1028").ingredients()).containsExactly("isosorbide mononitrate");
    }

    @Test
    void aTopicalDrugHasTheTopicalRoute() {
        assertThat(drug("2649735S1028").route()).isEqualTo(Route.TOPICAL);
    }

    @Test
    void anUnknownCodeIsNotFound() {
        assertThat(catalogue.find(DrugCode.of("9999999X9999"))).isEmpty();
        assertThat(catalogue.contains(DrugCode.of("9999999X9999"))).isFalse();
        assertThat(catalogue.contains(DrugCode.of("2171022F1021"))).isTrue();
    }

    @Test
    void aContraindicationIsFoundInEitherOrder() {
        assertThat(catalogue.contraindication("triazolam", "itraconazole")).isPresent();
        assertThat(catalogue.contraindication("itraconazole", "triazolam")).isPresent();
        assertThat(catalogue.contraindication("sildenafil", "isosorbide mononitrate"))
                .hasValueSatisfying(pair -> assertThat(pair.note()).isEqualTo("severe hypotension"));
        assertThat(catalogue.contraindication("isosorbide mononitrate", "sildenafil")).isPresent();
    }

    @Test
    void ingredientsWithoutAListedPairAreNotContraindicated() {
        assertThat(catalogue.contraindication("amlodipine", "atorvastatin")).isEmpty();
        assertThat(catalogue.contraindication("triazolam", "triazolam")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # case                                                    | drug                 | substitute                  | substitutable
            a generic with the same ingredient and route              | AMLODIPINE_BRAND_A   | AMLODIPINE_GENERIC_C        | true
            the brand for that generic                                | AMLODIPINE_GENERIC_C | AMLODIPINE_BRAND_A          | true
            another generic with the same ingredient and route        | ZOLPIDEM_5           | ZOLPIDEM_5_GENERIC          | true
            # ingredients and route only; form group and amounts are the dispense rules' to compare
            another strength of the same ingredient                   | AMLODIPINE_BRAND_A   | AMLODIPINE_HALF_STRENGTH    | true
            the drug itself                                           | AMLODIPINE_BRAND_A   | AMLODIPINE_BRAND_A          | true
            a combination for one of its ingredients                  | AMLODIPINE_BRAND_A   | VALSARTAN_AMLODIPINE        | false
            one of its ingredients for a combination                  | VALSARTAN_AMLODIPINE | AMLODIPINE_BRAND_A          | false
            the same ingredient by another route                      | LOXOPROFEN_TABLET    | LOXOPROFEN_PATCH            | false
            the same ingredient by another route, the other way round | LOXOPROFEN_PATCH     | LOXOPROFEN_TABLET           | false
            a different ingredient of the same class                  | AMLODIPINE_BRAND_A   | NIFEDIPINE_EXTENDED_RELEASE | false
            """)
    void theCatalogueSaysWhetherADrugIsSubstitutableByAnother(String pair, String drug, String substitute,
                                                              boolean substitutable) {
        assertThat(sampleDrug(drug).isSubstitutableBy(sampleDrug(substitute))).isEqualTo(substitutable);
    }

    @Test
    void loadNormalisesIngredientsToLowerCaseAndTrimsThem() throws IOException {
        String drugs = """
                drug_code,name,ingredients,route,class_code,class_name,unit
                X1,Combo, Alpha ; BETA ;,Oral, 1234 ,some class,tablet
                """;
        String pairs = """
                ingredient_a,ingredient_b,note
                 ALPHA ,Gamma,do not combine
                """;
        DrugCatalogue loaded = CatalogueCsvLoader.load(new StringReader(drugs), new StringReader(pairs));
        Drug combo = loaded.find(DrugCode.of("X1")).orElseThrow();
        assertThat(combo.ingredients()).isEqualTo(Set.of("alpha", "beta"));
        assertThat(combo.route()).isEqualTo(Route.ORAL);
        assertThat(combo.classCode()).isEqualTo("1234");
        assertThat(loaded.contraindication("gamma", "alpha")).isPresent();
    }

    @Test
    void fromFilesReadsTheSameShapeAsTheSample(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path drugs = Files.writeString(dir.resolve("drug-catalogue.csv"), """
                drug_code,name,ingredients,route,class_code,class_name,unit
                A1,Drug one,one,injection,1111,class,ampoule
                """);
        Path pairs = Files.writeString(dir.resolve("contraindicated-pairs.csv"), "ingredient_a,ingredient_b,note\n");
        DrugCatalogue loaded = CatalogueCsvLoader.fromFiles(drugs, pairs);
        assertThat(loaded.size()).isEqualTo(1);
        assertThat(loaded.find(DrugCode.of("A1")).orElseThrow().route()).isEqualTo(Route.INJECTION);
        assertThat(loaded.contraindicatedPairs()).isEmpty();
    }

    @Test
    void theNewColumnsAreRead() {
        Drug zolpidem = drug("1129009F1025");
        assertThat(zolpidem.strengths()).isEqualTo(Map.of("zolpidem", new Strength(new BigDecimal("5"), "mg")));
        assertThat(zolpidem.dosageForm()).isEqualTo("tablet");
        assertThat(zolpidem.formGroup()).isEqualTo("oral-solid");
        assertThat(zolpidem.refillAllowed()).isFalse();
        assertThat(zolpidem.maxDays()).isEqualTo(30);
        assertThat(zolpidem.nameJa()).isEqualTo("ゾルピデム酒石酸塩錠5mg（先発A）");
        Drug amlodipine = drug("2171022F1021");
        assertThat(amlodipine.refillAllowed()).isTrue();
        assertThat(amlodipine.maxDays()).isNull();
        assertThat(drug("2171014G4023").formGroup()).isEqualTo("oral-solid-extended-release");
        assertThat(drug("2649735S1028").refillAllowed()).as("patches are not refillable").isFalse();
    }

    @Test
    void aCombinationProductHasAStrengthPerIngredientInTheOrderOfItsIngredients() {
        assertThat(drug("2149114F1026").strengths()).isEqualTo(Map.of(
                "valsartan", Strength.parse("80 mg"), "amlodipine", Strength.parse("5 mg")));
    }

    @Test
    void aStrengthPerGramIsKeptWithItsUnit() {
        assertThat(drug("6290004Q1024").strengthOf("miconazole")).contains(new Strength(new BigDecimal("20"), "mg/g"));
    }

    @Test
    void anOlderFileWithoutTheNewColumnsLoadsWithThemUnknown() throws IOException {
        DrugCatalogue loaded = withoutPairs(OLD_LAYOUT);
        Drug drug = loaded.find(DrugCode.of("1129009F1025")).orElseThrow();
        assertThat(drug.strengthKnown()).isFalse();
        assertThat(drug.strengths()).isEmpty();
        assertThat(drug.dosageForm()).isNull();
        assertThat(drug.formGroup()).isNull();
        assertThat(drug.refillAllowed()).as("an older catalogue restricts no refills").isTrue();
        assertThat(drug.maxDays()).isNull();
        assertThat(drug.nameJa()).isNull();
    }

    @Test
    void anOlderFileKeepsTheVersionItHadBeforeTheNewColumns() throws IOException {
        DrugCatalogue loaded = withoutPairs(OLD_LAYOUT);
        // the version this file had when the catalogue knew only the first seven columns
        assertThat(loaded.version()).isEqualTo(CatalogueVersion.of(List.of(new Drug(DrugCode.of("1129009F1025"),
                "Zolpidem tartrate 5 mg tablet (brand A)", Set.of("zolpidem"), Route.ORAL, "1129",
                "other hypnotics and sedatives", "tablet")), List.of()));
    }

    @Test
    void emptyNewColumnsMeanUnknownToo() throws IOException {
        DrugCatalogue loaded = withoutPairs(NEW_HEADER + "X1,Drug one,one,oral,1111,class,tablet,,,,,,\n");
        Drug drug = loaded.find(DrugCode.of("X1")).orElseThrow();
        assertThat(drug.strengthKnown()).isFalse();
        assertThat(drug.formGroup()).isNull();
        assertThat(drug.refillAllowed()).isTrue();
        assertThat(drug.maxDays()).isNull();
    }

    @Test
    void aChangeToAnyNewColumnChangesTheVersion() throws IOException {
        String row = "X1,Drug one,one,oral,1111,class,tablet,%s,tablet,oral-solid,%s,%s,一\n";
        String base = version(String.format(row, "5 mg", "yes", ""));
        assertThat(version(String.format(row, "5 mg", "yes", ""))).isEqualTo(base);
        assertThat(version(String.format(row, "10 mg", "yes", ""))).isNotEqualTo(base);
        assertThat(version(String.format(row, "5 mg", "no", ""))).isNotEqualTo(base);
        assertThat(version(String.format(row, "5 mg", "yes", "30"))).isNotEqualTo(base);
        assertThat(version(String.format(row.replace("oral-solid", "oral-solid-extended-release"), "5 mg", "yes", "")))
                .isNotEqualTo(base);
        assertThat(version(String.format(row.replace(",tablet,oral", ",capsule,oral"), "5 mg", "yes", "")))
                .isNotEqualTo(base);
        assertThat(version(String.format(row.replace(",一", ",二"), "5 mg", "yes", ""))).isNotEqualTo(base);
    }

    @Test
    void moreOrFewerStrengthsThanIngredientsAreRejected() {
        assertThatThrownBy(() -> version("X1,Combo,a;b,oral,1111,class,tablet,5 mg,tablet,oral-solid,yes,,\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X1");
    }

    @Test
    void aStrengthWithoutAUnitOrAnUnknownRefillValueIsRejected() {
        assertThatThrownBy(() -> version("X1,One,a,oral,1111,class,tablet,5,tablet,oral-solid,yes,,\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> version("X1,One,a,oral,1111,class,tablet,5 mg,tablet,oral-solid,maybe,,\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> version("X1,One,a,oral,1111,class,tablet,5 mg,tablet,oral-solid,yes,0,\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static final String OLD_LAYOUT = """
            drug_code,name,ingredients,route,class_code,class_name,unit
            1129009F1025,Zolpidem tartrate 5 mg tablet (brand A),zolpidem,oral,1129,other hypnotics and sedatives,tablet
            """;

    private static final String NEW_HEADER = "drug_code,name,ingredients,route,class_code,class_name,unit,"
            + "strengths,dosage_form,form_group,refill_allowed,max_days,name_ja\n";

    private static String version(String row) throws IOException {
        return withoutPairs(NEW_HEADER + row).version();
    }

    @Test
    void unitsDeliveringTheSameDoseFollowTheStrengths() {
        Drug amlodipine5 = drug("2171022F1021");
        assertThat(amlodipine5.unitsDelivering(new BigDecimal("56"), drug("2171022F2028")))
                .hasValueSatisfying(units -> assertThat(units).isEqualTo(new BigDecimal("28")));
        assertThat(drug("2171022F2028").unitsDelivering(new BigDecimal("14"), amlodipine5))
                .hasValueSatisfying(units -> assertThat(units).isEqualTo(new BigDecimal("28")));
        assertThat(drug("2149114F1026").unitsDelivering(BigDecimal.TEN, drug("2149114F2022")))
                .as("other proportions of valsartan and amlodipine").isEmpty();
        assertThat(amlodipine5.unitsDelivering(BigDecimal.TEN, drug("2149114F1026"))).isEmpty();
    }

    @Test
    void aDrugWithoutIngredientsIsRejected() {
        String drugs = """
                drug_code,name,ingredients,route,class_code,class_name,unit
                X1,Nothing, ,oral,1234,some class,tablet
                """;
        assertThatThrownBy(() -> withoutPairs(drugs))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
