package org.eprescription.bench.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The prescribers and pharmacists the load clients act as: {@code DOC-<institution>-<n>} of {@code HOSP-<institution>}
 * and {@code RPH-<pharmacy>-<n>} of {@code PH-<pharmacy>} (two digits), numbered from 1.
 */
public record Staff(int institutions, int prescribersPerInstitution, int pharmacies, int pharmacistsPerPharmacy) {

    public static String institutionId(int institution) {
        return String.format(Locale.ROOT, "HOSP-%02d", institution);
    }

    public static String prescriberId(int institution, int number) {
        return String.format(Locale.ROOT, "DOC-%02d-%d", institution, number);
    }

    public static String pharmacyId(int pharmacy) {
        return String.format(Locale.ROOT, "PH-%02d", pharmacy);
    }

    public static String pharmacistId(int pharmacy, int number) {
        return String.format(Locale.ROOT, "RPH-%02d-%d", pharmacy, number);
    }

    /** Fetches every prescriber's and, unless {@code prescribersOnly}, every pharmacist's token. */
    public void fetchTokens(Tokens tokens, boolean prescribersOnly, int threads) throws InterruptedException {
        List<Runnable> fetches = new ArrayList<>();
        for (int i = 1; i <= institutions; i++) {
            for (int n = 1; n <= prescribersPerInstitution; n++) {
                int institution = i;
                int number = n;
                fetches.add(() -> tokens.prescriber(prescriberId(institution, number), institutionId(institution)));
            }
        }
        if (!prescribersOnly) {
            for (int p = 1; p <= pharmacies; p++) {
                for (int n = 1; n <= pharmacistsPerPharmacy; n++) {
                    int pharmacy = p;
                    int number = n;
                    fetches.add(() -> tokens.pharmacist(pharmacistId(pharmacy, number), pharmacyId(pharmacy)));
                }
            }
        }
        tokens.fetchAll(fetches, threads, prescribersOnly ? "one per prescriber"
                : "one per prescriber and pharmacist");
    }
}
