package org.eprescription.core.catalogue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.TreeSet;

/** The content hash that names a catalogue's version: every drug and pair as a line, sorted, hashed with SHA-256. */
final class CatalogueVersion {

    private static final int HEX_DIGITS = 16;

    private CatalogueVersion() {
    }

    /**
     * A drug's line. The fields added later are appended only when the drug says any of them, so a catalogue in the
     * older layout keeps the version it always had; a change to any of them changes the version.
     */
    private static String line(Drug drug) {
        String line = String.join("|", "drug", drug.code().value(), String.valueOf(drug.name()),
                String.join(";", new TreeSet<>(drug.ingredients())), drug.route().name(),
                String.valueOf(drug.classCode()), String.valueOf(drug.className()), String.valueOf(drug.unit()));
        boolean saysMore = drug.strengthKnown() || drug.dosageForm() != null || drug.formGroup() != null
                || !drug.refillAllowed() || drug.maxDays() != null || drug.nameJa() != null;
        if (!saysMore) {
            return line;
        }
        TreeMap<String, String> strengths = new TreeMap<>();
        drug.strengths().forEach((ingredient, strength) -> strengths.put(ingredient, strength.toString()));
        return String.join("|", line, strengths.toString(), String.valueOf(drug.dosageForm()),
                String.valueOf(drug.formGroup()), String.valueOf(drug.refillAllowed()),
                String.valueOf(drug.maxDays()), String.valueOf(drug.nameJa()));
    }

    static String of(Collection<Drug> drugs, Collection<ContraindicatedPair> pairs) {
        TreeSet<String> lines = new TreeSet<>();
        for (Drug drug : drugs) {
            lines.add(line(drug));
        }
        for (ContraindicatedPair pair : pairs) {
            lines.add(String.join("|", "pair", pair.ingredientA(), pair.ingredientB(), String.valueOf(pair.note())));
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String line : lines) {
                sha256.update(line.getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) '\n');
            }
            return "sha256:" + HexFormat.of().formatHex(sha256.digest()).substring(0, HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
