package org.eprescription.core.interaction;

import org.eprescription.core.catalogue.Drug;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.refusal.PrescriptionRefusedException;
import org.eprescription.core.refusal.Refusal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The duplicate and interaction rules of docs/domain.md ("Duplicate and interaction alerts") as a pure function: the
 * lines of a prescription against the patient's existing courses and, for a new one, against its own earlier lines.
 *
 * <ul>
 *   <li>only courses that still count (not STOPPED), of another prescription, with an overlapping period;</li>
 *   <li>SAME_INGREDIENT: an ingredient in common, the same route; one finding per common ingredient, whether the
 *   course is the very same product or another (the conflict says which: no second alert for the same code);</li>
 *   <li>CONTRAINDICATED: a listed ingredient pair, either order, any route;</li>
 *   <li>SAME_CLASS (only when enabled): no ingredient in common, the same 4-digit class code.</li>
 * </ul>
 * One finding per (line, type, key) lists every conflicting course, so 29 sources of one hypnotic give one alert.
 */
public final class InteractionRules {

    private static final Comparator<Finding> FINDING_ORDER = Comparator
            .comparingInt(Finding::lineNumber)
            .thenComparing(Finding::type)
            .thenComparing(Finding::key);

    private final DrugCatalogue catalogue;
    private final boolean sameClassEnabled;

    public InteractionRules(DrugCatalogue catalogue, boolean sameClassEnabled) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.sameClassEnabled = sameClassEnabled;
    }

    public boolean sameClassEnabled() {
        return sameClassEnabled;
    }

    public DrugCatalogue catalogue() {
        return catalogue;
    }

    /** As {@link #check(PrescriptionId, PatientId, InstitutionId, PrescriberId, List, List)} with an unknown owner. */
    public List<Finding> check(PrescriptionId prescriptionId, List<CandidateLine> lines,
                               List<MedicationCourse> existingCourses) {
        return check(prescriptionId, null, null, null, lines, existingCourses);
    }

    /** A new prescription's (or a draft's) lines: against the courses, and each line against the earlier lines. */
    public List<Finding> check(PrescriptionId prescriptionId, PatientId patientId, InstitutionId institutionId,
                               PrescriberId prescriberId, List<CandidateLine> lines,
                               List<MedicationCourse> existingCourses) {
        return check(prescriptionId, patientId, institutionId, prescriberId, lines, existingCourses, true);
    }

    /**
     * The findings of the prescription's lines, ordered by line, type and key; with {@code withinPrescription} each
     * line is also compared with the earlier lines (a new prescription), without it only with the courses (a
     * dispensing, whose own lines were compared when it was issued).
     *
     * <p>The patient, institution and prescriber of the new prescription (any may be null) name its earlier lines
     * where those appear as conflicts of a later line.
     *
     * @throws PrescriptionRefusedException UNKNOWN_DRUG for a line whose drug the catalogue lacks
     */
    public List<Finding> check(PrescriptionId prescriptionId, PatientId patientId, InstitutionId institutionId,
                               PrescriberId prescriberId, List<CandidateLine> lines,
                               List<MedicationCourse> existingCourses, boolean withinPrescription) {
        return check(CourseSource.of(Objects.requireNonNull(prescriptionId, "prescriptionId")), patientId,
                institutionId, prescriberId, lines, existingCourses, withinPrescription);
    }

    /**
     * As {@link #check(PrescriptionId, PatientId, InstitutionId, PrescriberId, List, List, boolean)} for the lines
     * (or items) of any source: a prescription, or a registered dispensing record whose items are never compared with
     * each other (it is a dispensing).
     */
    public List<Finding> check(CourseSource source, PatientId patientId, InstitutionId institutionId,
                               PrescriberId prescriberId, List<CandidateLine> lines,
                               List<MedicationCourse> existingCourses, boolean withinPrescription) {
        Objects.requireNonNull(source, "source");
        Map<Integer, Drug> drugsByLine = new LinkedHashMap<>();
        for (CandidateLine line : lines) {
            drugsByLine.put(line.lineNumber(), requireDrug(line.drugCode()));
        }
        List<MedicationCourse> others = existingCourses.stream()
                .filter(MedicationCourse::counts)
                .filter(course -> !source.owns(course))
                .toList();
        List<CandidateLine> ordered = lines.stream().sorted(Comparator.comparingInt(CandidateLine::lineNumber)).toList();

        List<Finding> findings = new ArrayList<>();
        for (CandidateLine line : ordered) {
            List<MedicationCourse> compared = new ArrayList<>(others);
            for (CandidateLine earlier : ordered) {
                if (withinPrescription && source.prescriptionId() != null
                        && earlier.lineNumber() < line.lineNumber()) {
                    compared.add(new MedicationCourse(source.prescriptionId(), earlier.lineNumber(), earlier.use(),
                            patientId, earlier.drugCode(), earlier.from(), earlier.to(), CourseStatus.PLANNED,
                            institutionId, prescriberId));
                }
            }
            findings.addAll(checkLine(source, line, drugsByLine.get(line.lineNumber()), compared));
        }
        findings.sort(FINDING_ORDER);
        return List.copyOf(findings);
    }

    private List<Finding> checkLine(CourseSource source, CandidateLine line, Drug drug,
                                    List<MedicationCourse> compared) {
        Map<FindingKey, List<MedicationCourse>> groups = new LinkedHashMap<>();
        for (MedicationCourse course : compared) {
            if (!line.period().overlaps(course.period())) {
                continue;
            }
            for (FindingKey key : conflicts(drug, course)) {
                List<MedicationCourse> group = groups.computeIfAbsent(key, k -> new ArrayList<>());
                if (!group.contains(course)) {
                    group.add(course);
                }
            }
        }
        List<Finding> findings = new ArrayList<>();
        groups.forEach((key, courses) -> findings.add(new Finding(
                source.alertId(line.lineNumber(), key.type(), key.key()), key.type(), line.lineNumber(),
                line.drugCode(), key.key(), courses.stream().sorted(MedicationCourse.STABLE_ORDER).toList())));
        return findings;
    }

    /**
     * The drug codes the catalogue does not know of the patient's other courses that still count and overlap one of
     * the lines: the check cannot compare them, so it cannot say that they do not conflict.
     */
    public List<DrugCode> unknownDrugCodes(CourseSource source, List<CandidateLine> lines,
                                           List<MedicationCourse> existingCourses) {
        return existingCourses.stream()
                .filter(MedicationCourse::counts)
                .filter(course -> !source.owns(course))
                .filter(course -> !catalogue.contains(course.drugCode()))
                .filter(course -> lines.stream().anyMatch(line -> line.period().overlaps(course.period())))
                .map(MedicationCourse::drugCode)
                .distinct()
                .toList();
    }

    /** Every (type, key) under which the drug of a line conflicts with a course whose period overlaps it. */
    private Set<FindingKey> conflicts(Drug drug, MedicationCourse course) {
        Set<FindingKey> keys = new HashSet<>();
        Optional<Drug> found = drug.code().equals(course.drugCode())
                ? Optional.of(drug)
                : catalogue.find(course.drugCode());
        if (found.isEmpty()) {
            return keys; // a course of a drug the catalogue no longer knows: nothing to compare it by
        }
        Drug other = found.get();
        Set<String> common = new TreeSet<>(drug.ingredients());
        common.retainAll(other.ingredients());
        if (drug.route() == other.route()) {
            common.forEach(ingredient -> keys.add(new FindingKey(AlertType.SAME_INGREDIENT, ingredient)));
        }
        for (String ingredient : drug.ingredients()) {
            for (String otherIngredient : other.ingredients()) {
                if (catalogue.contraindication(ingredient, otherIngredient).isPresent()) {
                    keys.add(new FindingKey(AlertType.CONTRAINDICATED, pairKey(ingredient, otherIngredient)));
                }
            }
        }
        if (sameClassEnabled && common.isEmpty() && drug.classCode() != null && !drug.classCode().isBlank()
                && drug.classCode().equals(other.classCode())) {
            keys.add(new FindingKey(AlertType.SAME_CLASS, drug.classCode()));
        }
        return keys;
    }

    /** The two ingredients sorted and joined with "+": the same key whichever side each is on. */
    static String pairKey(String one, String other) {
        return one.compareTo(other) <= 0 ? one + "+" + other : other + "+" + one;
    }

    private Drug requireDrug(DrugCode code) {
        return catalogue.find(code).orElseThrow(() -> new PrescriptionRefusedException(Refusal.UNKNOWN_DRUG,
                "unknown drug code " + code));
    }

    private record FindingKey(AlertType type, String key) {
    }
}
