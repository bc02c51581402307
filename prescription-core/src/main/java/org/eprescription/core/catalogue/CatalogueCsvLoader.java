package org.eprescription.core.catalogue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.eprescription.core.ids.DrugCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads the drug catalogue from two CSV files with headers: {@code drug-catalogue*.csv}
 * (drug_code,name,ingredients,route,class_code,class_name,unit; ingredients separated by ';') and
 * {@code contraindicated-pairs*.csv} (ingredient_a,ingredient_b,note).
 */
public final class CatalogueCsvLoader {

    public static final String BUNDLED_DRUGS = "/catalogue/drug-catalogue-sample.csv";
    public static final String BUNDLED_PAIRS = "/catalogue/contraindicated-pairs-sample.csv";

    private static final CsvMapper CSV = new CsvMapper();

    private CatalogueCsvLoader() {
    }

    /** The small sample catalogue shipped with the exchange. */
    public static DrugCatalogue bundledSample() {
        try (InputStream drugs = resource(BUNDLED_DRUGS); InputStream pairs = resource(BUNDLED_PAIRS)) {
            return load(reader(drugs), reader(pairs));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A catalogue from a directory holding the two files of the same shape as the sample. */
    public static DrugCatalogue fromFiles(Path drugsCsv, Path pairsCsv) {
        try (Reader drugs = Files.newBufferedReader(drugsCsv, StandardCharsets.UTF_8);
             Reader pairs = Files.newBufferedReader(pairsCsv, StandardCharsets.UTF_8)) {
            return load(drugs, pairs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read drug catalogue " + drugsCsv + " / " + pairsCsv, e);
        }
    }

    public static DrugCatalogue load(Reader drugsCsv, Reader pairsCsv) throws IOException {
        List<Drug> drugs = new ArrayList<>();
        for (Map<String, String> row : rows(drugsCsv)) {
            drugs.add(new Drug(DrugCode.of(row.get("drug_code")), row.get("name"), ingredients(row.get("ingredients")),
                    Route.parse(row.get("route")), row.get("class_code").strip(), row.get("class_name"),
                    row.get("unit")));
        }
        List<ContraindicatedPair> pairs = new ArrayList<>();
        for (Map<String, String> row : rows(pairsCsv)) {
            pairs.add(new ContraindicatedPair(normalise(row.get("ingredient_a")), normalise(row.get("ingredient_b")),
                    row.get("note")));
        }
        return new DrugCatalogue(drugs, pairs);
    }

    private static List<Map<String, String>> rows(Reader reader) throws IOException {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class).with(schema).readValues(reader)) {
            return it.readAll();
        }
    }

    private static LinkedHashSet<String> ingredients(String text) {
        LinkedHashSet<String> result = new LinkedHashSet<>();
        Arrays.stream(text.split(";")).map(CatalogueCsvLoader::normalise).filter(s -> !s.isEmpty()).forEach(result::add);
        return result;
    }

    private static String normalise(String ingredient) {
        return ingredient.strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static InputStream resource(String name) {
        InputStream in = CatalogueCsvLoader.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("bundled catalogue file missing: " + name);
        }
        return in;
    }

    private static Reader reader(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
