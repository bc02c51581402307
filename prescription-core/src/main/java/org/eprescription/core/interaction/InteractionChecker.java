package org.eprescription.core.interaction;

import org.eprescription.core.catalogue.DrugDescription;
import org.eprescription.core.catalogue.DrugDescriptions;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The check a command runs before it records its events (docs/alerts.md): the courses it creates or moves against
 * every other course of the patient, read with the patient locked, by the interaction rules. What it finds is stored
 * in the command's events; nothing decides it again later.
 */
public final class InteractionChecker {

    private final InteractionRules rules;
    private final PatientCourses courses;

    public InteractionChecker(InteractionRules rules, PatientCourses courses) {
        this.rules = rules;
        this.courses = courses;
    }

    /** For a deployment with alerts switched off: no check runs and commands record none. */
    public static InteractionChecker disabled() {
        return new InteractionChecker(null, null);
    }

    public boolean enabled() {
        return rules != null;
    }

    /** The version of the catalogue whose rules decide, recorded with every check. */
    public String catalogueVersion() {
        return rules.catalogue().version();
    }

    /**
     * How a check records its courses' drugs: as {@code recorded} by the prescription's or record's own events, else
     * as the catalogue whose rules decide describes them.
     */
    public DrugDescriptions describe(Collection<DrugCode> codes, Map<DrugCode, DrugDescription> recorded) {
        return DrugDescriptions.of(codes, recorded, rules.catalogue());
    }

    /**
     * The alerts of {@code checked} (courses of one use of the prescription) against the patient's other courses,
     * and, with {@code withinPrescription}, against the earlier of these lines too (at issue). A course whose drug
     * the catalogue does not know, of these or of the patient's others in the same days, cannot be compared: its
     * code is named in the result, which makes the check incomplete. So does another prescription or record of the
     * patient whose courses a command moved without a check ({@link PatientCourses#uncheckedSince}).
     */
    public CheckResult check(PrescriptionId prescriptionId, PatientId patientId, InstitutionId institutionId,
                             PrescriberId prescriberId, List<RecordedCourse> checked, boolean withinPrescription) {
        return check(CourseSource.of(prescriptionId), patientId, institutionId, prescriberId, checked,
                withinPrescription);
    }

    /**
     * As {@link #check(PrescriptionId, PatientId, InstitutionId, PrescriberId, List, boolean)} for the courses of
     * any source: a registered dispensing record's items (never compared with each other) are checked this way.
     */
    public CheckResult check(CourseSource source, PatientId patientId, InstitutionId institutionId,
                             PrescriberId prescriberId, List<RecordedCourse> checked, boolean withinPrescription) {
        List<RecordedCourse> comparable = checked.stream()
                .filter(course -> rules.catalogue().contains(course.drugCode()))
                .toList();
        List<DrugCode> unknown = new ArrayList<>(checked.stream()
                .map(RecordedCourse::drugCode)
                .filter(code -> !rules.catalogue().contains(code))
                .toList());
        if (comparable.isEmpty()) {
            return new CheckResult(List.of(), unknown);
        }
        LocalDate from = comparable.stream().map(RecordedCourse::from).min(Comparator.naturalOrder()).orElseThrow();
        LockedCourses read = courses.lockAndReadAll(patientId, from);
        List<MedicationCourse> existing = read.courses();
        UncheckedCourses unchecked = read.unchecked().without(source);
        List<CandidateLine> lines = comparable.stream()
                .map(course -> new CandidateLine(course.lineNumber(), course.use(), course.drugCode(), course.from(),
                        course.to()))
                .toList();
        List<Finding> findings = rules.check(source, patientId, institutionId, prescriberId, lines, existing,
                withinPrescription);
        unknown.addAll(rules.unknownDrugCodes(source, lines, existing));
        return new CheckResult(alertsOf(findings, comparable), unknown, unchecked);
    }

    /**
     * The courses a dispensing or its correction moved in one use of the prescription ({@code moved}) against the
     * patient's other courses, as {@link #check(PrescriptionId, PatientId, InstitutionId, PrescriberId, List, boolean)}
     * without {@code withinPrescription} does, and against the same use's other lines as they run ({@code restOfUse}:
     * each other line's course of that use as last recorded), as an issue compares its lines: a pair of lines of the
     * use is compared when either of them moved, and the alert is on the later line, naming the earlier line's course
     * (docs/alerts.md, "When the check runs"). Another use's courses are never compared. Of a line that did not move
     * only its conflicts with the moved lines are kept: what it has with other prescriptions was decided before.
     */
    public CheckResult checkUse(PrescriptionId prescriptionId, PatientId patientId, InstitutionId institutionId,
                                PrescriberId prescriberId, List<RecordedCourse> moved,
                                List<RecordedCourse> restOfUse) {
        CheckResult againstOthers = check(prescriptionId, patientId, institutionId, prescriberId, moved, false);
        Set<Integer> movedLines = moved.stream()
                .filter(course -> rules.catalogue().contains(course.drugCode()))
                .map(RecordedCourse::lineNumber)
                .collect(Collectors.toSet());
        List<RecordedCourse> others = restOfUse.stream()
                .filter(course -> course.status() != CourseStatus.STOPPED)
                .filter(course -> !movedLines.contains(course.lineNumber()))
                .toList();
        if (movedLines.isEmpty() || movedLines.size() + others.size() < 2) {
            return againstOthers;
        }
        // a line of the use whose drug the catalogue no longer knows cannot be compared with the moved ones
        List<DrugCode> unknown = new ArrayList<>(againstOthers.unknownDrugCodes());
        others.stream()
                .filter(course -> !rules.catalogue().contains(course.drugCode()))
                .filter(course -> moved.stream().anyMatch(one -> one.period().overlaps(course.period())))
                .forEach(course -> unknown.add(course.drugCode()));
        List<RecordedCourse> use = new ArrayList<>(moved.stream()
                .filter(course -> movedLines.contains(course.lineNumber()))
                .toList());
        others.stream().filter(course -> rules.catalogue().contains(course.drugCode())).forEach(use::add);
        List<CandidateLine> lines = use.stream()
                .map(course -> new CandidateLine(course.lineNumber(), course.use(), course.drugCode(), course.from(),
                        course.to()))
                .toList();
        // the use's lines with each other only: the moved lines' other conflicts are those of againstOthers
        List<Finding> withinUse = new ArrayList<>();
        for (Finding finding : rules.check(CourseSource.of(prescriptionId), patientId, institutionId, prescriberId,
                lines, List.of(), true)) {
            List<MedicationCourse> conflicts = finding.conflicts().stream()
                    .filter(conflict -> movedLines.contains(finding.lineNumber())
                            || movedLines.contains(conflict.lineNumber()))
                    .map(conflict -> asRecorded(conflict, use))
                    .toList();
            if (!conflicts.isEmpty()) {
                withinUse.add(new Finding(finding.alertId(), finding.type(), finding.lineNumber(), finding.drugCode(),
                        finding.key(), conflicts));
            }
        }
        return new CheckResult(merged(againstOthers.alerts(), alertsOf(withinUse, use)), unknown,
                againstOthers.unchecked());
    }

    /** A line of the use as the rules name it (as planned), with the status its course is recorded with. */
    private static MedicationCourse asRecorded(MedicationCourse conflict, List<RecordedCourse> use) {
        return use.stream()
                .filter(course -> course.lineNumber() == conflict.lineNumber() && course.use() == conflict.use())
                .findFirst()
                .map(course -> conflict.with(conflict.drugCode(), conflict.from(), conflict.to(), course.status()))
                .orElse(conflict);
    }

    /**
     * Both lists' alerts, one per id: an alert found both ways names the conflicts of both, in the stable order of
     * one finding's conflicts ({@link MedicationCourse#STABLE_ORDER}); ordered by line, type and key.
     */
    private static List<RecordedAlert> merged(List<RecordedAlert> first, List<RecordedAlert> second) {
        Map<AlertId, RecordedAlert> byId = new LinkedHashMap<>();
        for (RecordedAlert alert : first) {
            byId.put(alert.alertId(), alert);
        }
        for (RecordedAlert alert : second) {
            byId.merge(alert.alertId(), alert, (one, other) -> {
                List<RecordedConflict> conflicts = new ArrayList<>(one.conflicts());
                conflicts.addAll(other.conflicts());
                conflicts.sort(CONFLICT_ORDER);
                return new RecordedAlert(one.alertId(), one.type(), one.severity(), one.lineNumber(), one.use(),
                        one.drugCode(), one.key(), one.ingredient(), one.from(), one.to(), conflicts);
            });
        }
        return byId.values().stream().sorted(ALERT_ORDER).toList();
    }

    private static final Comparator<RecordedAlert> ALERT_ORDER = Comparator
            .comparingInt(RecordedAlert::lineNumber)
            .thenComparing(RecordedAlert::type)
            .thenComparing(RecordedAlert::key);

    private static final Comparator<RecordedConflict> CONFLICT_ORDER = Comparator
            .comparing(RecordedConflict::from)
            .thenComparing(conflict -> conflict.prescriptionId() != null
                    ? conflict.prescriptionId().toString() : String.valueOf(conflict.dispensingRecordId()))
            .thenComparingInt(RecordedConflict::lineNumber)
            .thenComparingInt(RecordedConflict::use);

    /** The findings as alerts on the checked courses (by line) they were found for. */
    private static List<RecordedAlert> alertsOf(List<Finding> findings, List<RecordedCourse> checked) {
        Map<Integer, RecordedCourse> byLine = checked.stream()
                .collect(Collectors.toMap(RecordedCourse::lineNumber, Function.identity(), (a, b) -> a));
        List<RecordedAlert> alerts = new ArrayList<>();
        for (Finding finding : findings) {
            RecordedCourse course = byLine.get(finding.lineNumber());
            alerts.add(new RecordedAlert(finding.alertId(), finding.type(), finding.severity(), finding.lineNumber(),
                    course.use(), finding.drugCode(), finding.key(), finding.ingredient(), course.from(), course.to(),
                    finding.conflicts().stream()
                            .map(conflict -> RecordedConflict.of(conflict, finding.drugCode()))
                            .toList()));
        }
        return alerts;
    }
}
