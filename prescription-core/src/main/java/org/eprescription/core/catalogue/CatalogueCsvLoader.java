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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the drug catalogue from two CSV files with headers: {@code drug-catalogue*.csv}
 * (drug_code,name,ingredients,route,class_code,class_name,unit; ingredients separated by ';'; then optionally
 * strengths,dosage_form,form_group,refill_allowed,max_days,name_ja) and {@code contraindicated-pairs*.csv}
 * (ingredient_a,ingredient_b,note). A file without the optional columns, or a row leaving them empty, leaves what
 * they say unknown (see {@link Drug}).
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
            drugs.add(drug(row));
        }
        List<ContraindicatedPair> pairs = new ArrayList<>();
        for (Map<String, String> row : rows(pairsCsv)) {
            pairs.add(new ContraindicatedPair(normalise(row.get("ingredient_a")), normalise(row.get("ingredient_b")),
                    row.get("note")));
        }
        return new DrugCatalogue(drugs, pairs);
    }

    private static Drug drug(Map<String, String> row) {
        DrugCode code = DrugCode.of(row.get("drug_code"));
        List<String> ingredients = ingredients(row.get("ingredients"));
        try {
            return new Drug(code, row.get("name"), Set.copyOf(ingredients), Route.parse(row.get("route")),
                    row.get("class_code").strip(), row.get("class_name"), row.get("unit"),
                    strengths(ingredients, optional(row, "strengths")), optional(row, "dosage_form"),
                    optional(row, "form_group"), refillAllowed(optional(row, "refill_allowed")),
                    maxDays(optional(row, "max_days")), optional(row, "name_ja"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("drug " + code + ": " + e.getMessage(), e);
        }
    }

    /** A column's value, or null when the file has no such column or the row leaves it empty. */
    private static String optional(Map<String, String> row, String column) {
        String value = row.get(column);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** {@code "80 mg;5 mg"}: one strength per ingredient, in the order of the ingredients column. */
    private static Map<String, Strength> strengths(List<String> ingredients, String text) {
        if (text == null) {
            return Map.of();
        }
        String[] parts = text.split(";");
        if (parts.length != ingredients.size()) {
            throw new IllegalArgumentException(parts.length + " strengths '" + text + "' for "
                    + ingredients.size() + " ingredients " + ingredients);
        }
        Map<String, Strength> strengths = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            strengths.put(ingredients.get(i), Strength.parse(parts[i]));
        }
        return strengths;
    }

    private static boolean refillAllowed(String text) {
        if (text == null) {
            return true;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> true;
            case "no", "false" -> false;
            default -> throw new IllegalArgumentException("refill_allowed is yes or no, not '" + text + "'");
        };
    }

    private static Integer maxDays(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("max_days is a whole number of days, not '" + text + "'", e);
        }
    }

    private static List<Map<String, String>> rows(Reader reader) throws IOException {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class).with(schema).readValues(reader)) {
            return it.readAll();
        }
    }

    private static List<String> ingredients(String text) {
        LinkedHashSet<String> result = new LinkedHashSet<>();
        Arrays.stream(text.split(";")).map(CatalogueCsvLoader::normalise).filter(s -> !s.isEmpty()).forEach(result::add);
        return List.copyOf(result);
    }

    private static String normalise(String ingredient) {
        return ingredient.strip().toLowerCase(Locale.ROOT);
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
