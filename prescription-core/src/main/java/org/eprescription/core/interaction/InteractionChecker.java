package org.eprescription.core.interaction;

import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
        List<MedicationCourse> existing = courses.lockAndRead(patientId, from);
        UncheckedCourses unchecked = courses.uncheckedSince(patientId, from).without(source);
        List<CandidateLine> lines = comparable.stream()
                .map(course -> new CandidateLine(course.lineNumber(), course.use(), course.drugCode(), course.from(),
                        course.to()))
                .toList();
        List<Finding> findings = rules.check(source, patientId, institutionId, prescriberId, lines, existing,
                withinPrescription);
        unknown.addAll(rules.unknownDrugCodes(source, lines, existing));
        Map<Integer, RecordedCourse> byLine = comparable.stream()
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
        return new CheckResult(alerts, unknown, unchecked);
    }
}
