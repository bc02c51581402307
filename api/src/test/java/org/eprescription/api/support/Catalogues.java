package org.eprescription.api.support;

import org.eprescription.core.catalogue.CatalogueCsvLoader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Catalogue directories ({@code exchange.catalogue.directory}) for an exchange a test restarts on other data. */
public final class Catalogues {

    private Catalogues() {
    }

    /** The bundled sample catalogue in {@code directory}, without the drug {@code drugCode} (taken off the list). */
    public static void writeWithoutDrug(Path directory, String drugCode) throws IOException {
        write(directory, without(bundled(CatalogueCsvLoader.BUNDLED_DRUGS), drugCode + ","),
                bundled(CatalogueCsvLoader.BUNDLED_PAIRS));
    }

    /** The bundled sample catalogue in {@code directory}, without the contraindicated pair {@code pair} ("a,b"). */
    public static void writeWithoutPair(Path directory, String pair) throws IOException {
        write(directory, bundled(CatalogueCsvLoader.BUNDLED_DRUGS),
                without(bundled(CatalogueCsvLoader.BUNDLED_PAIRS), pair + ","));
    }

    /** The bundled sample catalogue in {@code directory}, with the drug {@code drugCode} under another English name. */
    public static void writeWithRenamedDrug(Path directory, String drugCode, String name) throws IOException {
        String drugs = bundled(CatalogueCsvLoader.BUNDLED_DRUGS);
        List<String> rows = drugs.lines().map(row -> {
            if (!row.startsWith(drugCode + ",")) {
                return row;
            }
            String[] columns = row.split(",", -1);
            columns[1] = name;
            return String.join(",", columns);
        }).toList();
        assertThat(rows).as("the drug " + drugCode + " is in the sample")
                .anyMatch(row -> row.contains("," + name + ","));
        write(directory, String.join("\n", rows) + "\n", bundled(CatalogueCsvLoader.BUNDLED_PAIRS));
    }

    /**
     * The bundled sample catalogue in {@code directory}, with the drug {@code drugCode}'s refill permission and longest
     * supply ({@code maxDays}, null for none of its own) as given.
     */
    public static void writeWithLimits(Path directory, String drugCode, boolean refillAllowed, Integer maxDays)
            throws IOException {
        String drugs = bundled(CatalogueCsvLoader.BUNDLED_DRUGS);
        List<String> rows = drugs.lines().map(row -> {
            if (!row.startsWith(drugCode + ",")) {
                return row;
            }
            String[] columns = row.split(",", -1);
            columns[10] = refillAllowed ? "yes" : "no";
            columns[11] = maxDays == null ? "" : maxDays.toString();
            return String.join(",", columns);
        }).toList();
        assertThat(rows).as("the drug " + drugCode + " is in the sample").anyMatch(row -> row.startsWith(drugCode));
        write(directory, String.join("\n", rows) + "\n", bundled(CatalogueCsvLoader.BUNDLED_PAIRS));
    }

    /** The bundled sample catalogue in {@code directory}, with these drug rows added (in its thirteen columns). */
    public static void writeWithDrugs(Path directory, String... rows) throws IOException {
        write(directory, bundled(CatalogueCsvLoader.BUNDLED_DRUGS) + String.join("\n", rows) + "\n",
                bundled(CatalogueCsvLoader.BUNDLED_PAIRS));
    }

    private static String without(String csv, String rowStart) {
        List<String> kept = csv.lines().filter(row -> !row.startsWith(rowStart)).toList();
        assertThat(kept).as("exactly one row starts with " + rowStart).hasSize((int) csv.lines().count() - 1);
        return String.join("\n", kept) + "\n";
    }

    private static void write(Path directory, String drugs, String pairs) throws IOException {
        Files.writeString(directory.resolve("drug-catalogue.csv"), drugs, StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("contraindicated-pairs.csv"), pairs, StandardCharsets.UTF_8);
    }

    private static String bundled(String resource) throws IOException {
        try (InputStream in = CatalogueCsvLoader.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
