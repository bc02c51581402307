package org.eprescription.core.interaction;

import org.eprescription.core.ids.DrugCode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What one interaction check found: the alerts, the drug codes it could not compare because the catalogue does
 * not know them (a course of the command's own or another course of the patient in the same days, its drug since
 * taken off the list), and the patient's prescriptions and records whose courses no check recorded. With any such
 * code or source the check is incomplete: no alert about them is not "nothing found" (docs/alerts.md, "Drugs the
 * catalogue does not know", "After alerts were switched off").
 */
public record CheckResult(List<RecordedAlert> alerts, List<DrugCode> unknownDrugCodes, UncheckedCourses unchecked) {

    public static final CheckResult NOTHING = new CheckResult(List.of(), List.of());

    public CheckResult {
        alerts = List.copyOf(alerts);
        unknownDrugCodes = unknownDrugCodes.stream().distinct().sorted(Comparator.comparing(DrugCode::value)).toList();
        unchecked = unchecked == null ? UncheckedCourses.NONE : unchecked;
    }

    /** A check that met no course moved without a check. */
    public CheckResult(List<RecordedAlert> alerts, List<DrugCode> unknownDrugCodes) {
        this(alerts, unknownDrugCodes, UncheckedCourses.NONE);
    }

    /**
     * Whether the check compared every course the patient may take: none of an unknown drug, and none of a
     * prescription or record whose courses no check recorded ({@link UncheckedCourses}).
     */
    public boolean complete() {
        return unknownDrugCodes.isEmpty() && unchecked.isEmpty();
    }

    /** Both checks' alerts, in order, and the codes either could not compare. */
    public CheckResult plus(CheckResult other) {
        List<RecordedAlert> both = new ArrayList<>(alerts);
        both.addAll(other.alerts);
        List<DrugCode> unknown = new ArrayList<>(unknownDrugCodes);
        unknown.addAll(other.unknownDrugCodes);
        return new CheckResult(both, unknown, unchecked.plus(other.unchecked));
    }

    /** The same check with only the alerts that {@code keep} accepts. */
    public CheckResult withAlerts(List<RecordedAlert> keep) {
        return new CheckResult(keep, unknownDrugCodes, unchecked);
    }
}
