package org.eprescription.core.catalogue;

import org.eprescription.core.ids.DrugCode;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The drugs an event names, as the catalogue of version {@code catalogueVersion} described them when the event was
 * recorded. A drug the catalogue did not know then has no description: it was shown without a name, and stays so. An
 * event recorded before events carried descriptions has none at all (the field is null, "not recorded"); only then is
 * a drug named by the catalogue the exchange runs with (docs/architecture.md, "Reference data").
 */
public record DrugDescriptions(String catalogueVersion, List<DrugDescription> described) {

    public DrugDescriptions {
        described = described == null ? List.of() : described.stream()
                .sorted(Comparator.comparing(description -> description.code().value())).toList();
    }

    /** The descriptions {@code catalogue} gives of {@code codes}, each once; unknown codes are left out. */
    public static DrugDescriptions of(Collection<DrugCode> codes, DrugCatalogue catalogue) {
        TreeSet<String> seen = new TreeSet<>();
        List<DrugDescription> described = codes.stream()
                .filter(Objects::nonNull)
                .filter(code -> seen.add(code.value()))
                .map(catalogue::find)
                .flatMap(Optional::stream)
                .map(DrugDescription::of)
                .toList();
        return new DrugDescriptions(catalogue.version(), described);
    }

    /**
     * The descriptions of {@code codes}, each once: as {@code recorded} by an earlier event of the same prescription
     * or record where it holds one (a course keeps the description its line was recorded with), else as
     * {@code catalogue} gives it now; codes neither knows are left out.
     */
    public static DrugDescriptions of(Collection<DrugCode> codes, Map<DrugCode, DrugDescription> recorded,
                                      DrugCatalogue catalogue) {
        TreeSet<String> seen = new TreeSet<>();
        List<DrugDescription> described = codes.stream()
                .filter(Objects::nonNull)
                .filter(code -> seen.add(code.value()))
                .map(code -> Optional.ofNullable(recorded.get(code)).or(() -> catalogue.find(code)
                        .map(DrugDescription::of)))
                .flatMap(Optional::stream)
                .toList();
        return new DrugDescriptions(catalogue.version(), described);
    }

    /** Adds what these describe to {@code recorded}, by drug code. */
    public void addTo(Map<DrugCode, DrugDescription> recorded) {
        described.forEach(description -> recorded.put(description.code(), description));
    }

    /** How {@code code} was described, empty if the catalogue did not know it then. */
    public Optional<DrugDescription> find(DrugCode code) {
        return described.stream().filter(description -> description.code().equals(code)).findFirst();
    }

    /**
     * How {@code code} is to be shown: as {@code recorded} described it, or, when nothing was recorded (an event of
     * an older revision, {@code recorded} null), as {@code current} describes it today.
     */
    public static Optional<DrugDescription> describe(DrugDescriptions recorded, DrugCode code,
                                                     DrugCatalogue current) {
        if (code == null) {
            return Optional.empty();
        }
        if (recorded != null) {
            return recorded.find(code);
        }
        return current.find(code).map(DrugDescription::of);
    }
}
