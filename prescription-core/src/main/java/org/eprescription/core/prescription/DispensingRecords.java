package org.eprescription.core.prescription;

import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.catalogue.DrugDescriptions;
import org.eprescription.core.catalogue.Route;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.interaction.CoursePeriod;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.interaction.RecordedCourse;
import org.eprescription.core.prescription.event.DispensingCorrected;
import org.eprescription.core.prescription.event.DispensingWithdrawn;
import org.eprescription.core.prescription.event.PrescriptionDispensed;

import java.time.LocalDate;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * Every dispensing of a prescription as corrections left it, numbered from 1 in the order they were recorded (the
 * number the prescription view shows and a correction names). A withdrawn one keeps its number and no longer counts.
 */
final class DispensingRecords {

    /**
     * One dispensing: what it hands out now, how much of each line's prescribed drug that counted as when it was
     * recorded ({@code counted}; null for a dispensing recorded before the exchange recorded it), the substitutes it
     * hands out as it recorded them ({@code substitutes}; null before dispensings recorded them), how it described
     * the drugs it named ({@code drugs}; null before dispensings described them), whether it completed its use, its
     * day, and whether it was withdrawn.
     */
    record Entry(int sequence, int use, PharmacyId pharmacy, List<DispensedItem> items, List<LineQuantity> counted,
                 List<SubstituteSupply> substitutes, DrugDescriptions drugs, boolean completesUse,
                 LocalDate dispensedOn, boolean withdrawn) {
    }

    private final List<Entry> entries = new ArrayList<>();

    void dispensed(PrescriptionDispensed event) {
        entries.add(new Entry(entries.size() + 1, event.use(), event.pharmacyId(), List.copyOf(event.items()),
                event.countedAsPrescribed(), event.substitutes(), event.drugs(), event.completesUse(),
                event.dispensedOn(), false));
    }

    void corrected(DispensingCorrected event) {
        Entry entry = entries.get(event.sequence() - 1);
        entries.set(event.sequence() - 1, new Entry(entry.sequence(), entry.use(), entry.pharmacy(), event.items(),
                event.countedAsPrescribed(), event.substitutes(), event.drugs(),
                entry.completesUse() || event.completesUse(), entry.dispensedOn(), false));
    }

    void withdrawn(DispensingWithdrawn event) {
        Entry entry = entries.get(event.sequence() - 1);
        entries.set(event.sequence() - 1, new Entry(entry.sequence(), entry.use(), entry.pharmacy(), entry.items(),
                entry.counted(), entry.substitutes(), entry.drugs(), entry.completesUse(), entry.dispensedOn(),
                true));
    }

    Optional<Entry> find(int sequence) {
        return sequence < 1 || sequence > entries.size() ? Optional.empty() : Optional.of(entries.get(sequence - 1));
    }

    /** The dispensings of {@code use} that count, leaving out dispensing {@code except} (0: none). */
    List<Entry> countingIn(int use, int except) {
        return counting(use).filter(entry -> entry.sequence() != except).toList();
    }

    /** What the dispensings of {@code use} that count hand out, leaving out dispensing {@code except} (0: none). */
    List<DispensedItem> itemsOf(int use, int except) {
        List<DispensedItem> items = new ArrayList<>();
        counting(use).filter(entry -> entry.sequence() != except).forEach(entry -> items.addAll(entry.items()));
        return items;
    }

    /**
     * How much of each line's prescribed drug the dispensings of {@code use} that count handed out, leaving out
     * dispensing {@code except} (0: none): as each dispensing recorded it, so that a later catalogue (a substitute's
     * strength changed or gone) never recounts what went out (docs/domain.md, "Quantities"). A dispensing recorded
     * before dispensings recorded it is counted by {@code catalogue}, as it was then.
     */
    Map<Integer, BigDecimal> countedIn(int use, int except, Map<Integer, PrescribedLine> lines,
                                       DrugCatalogue catalogue) {
        Map<Integer, BigDecimal> counted = new HashMap<>();
        counting(use).filter(entry -> entry.sequence() != except).forEach(entry ->
                countedBy(entry, lines, catalogue).forEach((line, units) -> counted.merge(line, units,
                        BigDecimal::add)));
        return counted;
    }

    /**
     * How much of each line's prescribed drug one dispensing counts as: as it recorded it, or, for one recorded before
     * dispensings recorded that, by {@code catalogue} (as {@link #countedIn} counts it).
     */
    static Map<Integer, BigDecimal> countedBy(Entry entry, Map<Integer, PrescribedLine> lines,
                                              DrugCatalogue catalogue) {
        Map<Integer, BigDecimal> counted = new HashMap<>();
        if (entry.counted() != null) {
            entry.counted().forEach(line -> counted.merge(line.lineNumber(), line.quantity(), BigDecimal::add));
            return counted;
        }
        for (DispensedItem item : entry.items()) {
            PrescribedLine line = lines.get(item.lineNumber());
            if (line != null) {
                counted.merge(item.lineNumber(), DispenseRules.unitsOf(line, item, catalogue), BigDecimal::add);
            }
        }
        return counted;
    }

    List<DispensedItem> itemsOf(int use) {
        return itemsOf(use, 0);
    }

    /**
     * The days of supply {@code use} handed out (docs/domain.md, "Refills"): per line, the days its dispensings that
     * count supplied together ({@link #daysSupplied}), but never fewer than the days the quantity handed out covers
     * ({@link #daysCovered}); the longest line's. 0 when none.
     */
    int supplyDaysOf(int use, Map<Integer, PrescribedLine> lines, DrugCatalogue catalogue) {
        List<DispensedItem> items = itemsOf(use);
        Map<Integer, BigDecimal> counted = countedIn(use, 0, lines, catalogue);
        return items.stream().mapToInt(DispensedItem::lineNumber).distinct()
                .map(lineNumber -> lines.containsKey(lineNumber)
                        ? Math.max(daysSupplied(items, lines.get(lineNumber)),
                                daysCovered(lines.get(lineNumber), counted.get(lineNumber)))
                        : summedDays(items, lineNumber))
                .max().orElse(0);
    }

    /**
     * The days {@code counted} units of the line's prescribed drug cover at the line's rate (its quantity over its
     * days), rounded up and at most the line's days: 28 of 28 tablets for 28 days cover 28 days whatever days the
     * items said, 14 of them 14. 0 when nothing is counted.
     */
    static int daysCovered(PrescribedLine line, BigDecimal counted) {
        if (counted == null || line.quantity() == null || line.quantity().signum() <= 0) {
            return 0;
        }
        BigDecimal days = BigDecimal.valueOf(line.days()).multiply(counted)
                .divide(line.quantity(), MathContext.DECIMAL64)
                // a count recorded to 16 significant digits may miss a whole day in its last digit
                .setScale(6, RoundingMode.HALF_UP)
                .setScale(0, RoundingMode.CEILING);
        return Math.min(line.days(), days.intValueExact());
    }

    /**
     * The days the items supplied {@code line} together: portions add up (14 days and then 14 more are 28), at most the
     * line's prescribed days (a portion recorded with the whole line's days counts once).
     */
    static int daysSupplied(List<DispensedItem> items, PrescribedLine line) {
        return Math.min(summedDays(items, line.lineNumber()), line.days());
    }

    private static int summedDays(List<DispensedItem> items, int lineNumber) {
        return items.stream().filter(item -> item.lineNumber() == lineNumber).mapToInt(DispensedItem::days).sum();
    }

    boolean lineDispensedIn(int use, int lineNumber) {
        return itemsOf(use).stream().anyMatch(item -> item.lineNumber() == lineNumber);
    }

    /** The dispensing that completed {@code use}, if one did. */
    Optional<Entry> completing(int use) {
        return counting(use).filter(Entry::completesUse).reduce((first, second) -> second);
    }

    /**
     * The course a line runs in {@code use} as the dispensings that count give it ({@link #courseOf(List, int,
     * PrescribedLine, CourseRoutes)}); empty when nothing of the line counts.
     */
    Optional<RecordedCourse> courseOf(int use, PrescribedLine line, CourseRoutes routes) {
        return courseOf(counting(use).toList(), use, line, routes);
    }

    /**
     * The course {@code line} runs in {@code use} as these dispensings give it (docs/domain.md, "Courses"): from the
     * day of the line's first dispensing, with the drug handed out then, to the later of the latest end a single
     * dispensing reaches and the end of the days they supplied together, as the refill counts them
     * ({@link #supplyDaysOf}): the days the items say ({@link #daysSupplied}), but never fewer than the days the
     * quantity handed out covers ({@link #daysCovered}). 14 days and 10 days later 14 more last 28 days from the
     * first, not 24; all 28 tablets of a 28-day line recorded as 1 day last 28 days, not 1. A topical drug counts 14
     * days by the route its dispensing (or, for the prescribed drug itself, the issue) recorded ({@link CourseRoutes}).
     * Empty when none hands out the line.
     */
    static Optional<RecordedCourse> courseOf(List<Entry> dispensings, int use, PrescribedLine line,
                                             CourseRoutes routes) {
        DrugCatalogue catalogue = routes.catalogue();
        LocalDate firstDay = null;
        DrugCode firstDrug = null;
        Route firstRoute = null;
        LocalDate latestEnd = null;
        List<DispensedItem> ofLine = new ArrayList<>();
        BigDecimal counted = BigDecimal.ZERO;
        for (Entry entry : dispensings) {
            counted = counted.add(countedBy(entry, Map.of(line.lineNumber(), line), catalogue)
                    .getOrDefault(line.lineNumber(), BigDecimal.ZERO));
            for (DispensedItem item : entry.items()) {
                if (item.lineNumber() != line.lineNumber()) {
                    continue;
                }
                DrugCode drug = drugOf(item, line);
                Route route = routes.ofDispensed(entry.drugs(), drug);
                LocalDate end = periodOf(entry.dispensedOn(), item.days(), route, line).to();
                if (firstDay == null) {
                    firstDay = entry.dispensedOn();
                    firstDrug = drug;
                    firstRoute = route;
                }
                latestEnd = latestEnd == null || end.isAfter(latestEnd) ? end : latestEnd;
                ofLine.add(item);
            }
        }
        if (firstDay == null) {
            return Optional.empty();
        }
        int days = Math.max(daysSupplied(ofLine, line), daysCovered(line, counted));
        CoursePeriod supplied = periodOf(firstDay, days, firstRoute, line);
        LocalDate end = supplied.to().isAfter(latestEnd) ? supplied.to() : latestEnd;
        return Optional.of(new RecordedCourse(line.lineNumber(), use, firstDrug, supplied.from(), end,
                CourseStatus.DISPENSED));
    }

    /**
     * How much of the line's prescribed drug one dispensing counted as: as it recorded it, or (recorded before
     * dispensings recorded it) as {@code catalogue} counts its items ({@link #countedIn}).
     */
    private static DrugCode drugOf(DispensedItem item, PrescribedLine line) {
        return item.drugCode() != null ? item.drugCode() : line.drugCode();
    }

    private static CoursePeriod periodOf(LocalDate start, int days, Route route, PrescribedLine line) {
        return CoursePeriod.of(start, Math.max(1, days), route, line.asNeeded());
    }

    private java.util.stream.Stream<Entry> counting(int use) {
        return entries.stream().filter(entry -> entry.use() == use && !entry.withdrawn());
    }
}
