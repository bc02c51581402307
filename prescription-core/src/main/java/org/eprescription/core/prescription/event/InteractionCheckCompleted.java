package org.eprescription.core.prescription.event;

import org.axonframework.serialization.Revision;
import org.eprescription.core.catalogue.DrugDescriptions;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.CheckTrigger;
import org.eprescription.core.interaction.RecordedAlert;
import org.eprescription.core.interaction.RecordedCourse;
import org.eprescription.core.interaction.UncheckedCourses;

import java.time.Instant;
import java.util.List;

/**
 * The interaction check of an issue or a dispensing ran (docs/alerts.md): the courses the command created, moved or
 * ended, with the days it decided; the alerts it raised, each with its conflicting courses as they stood; the drug
 * codes it could not compare because the catalogue did not know them; and the version of the catalogue that decided
 * them. An empty {@code alerts} with no {@code unknownDrugCodes} is a recorded "nothing found", never "not checked";
 * with unknown drug codes the check was incomplete for those drugs. Views only reflect this event; a replay under any
 * later catalogue shows exactly what was found.
 *
 * <p>Revision 2: a conflict may be a course of a registered dispensing record, named by {@code dispensingRecordId} and
 * {@code registeredBy} instead of a prescription. Revision 3: {@code unknownDrugCodes}; earlier revisions were
 * recorded when a course the catalogue did not know was passed over unnamed, and are read with none
 * ({@link InteractionCheckCompletedUpcaster}). Revision 4: {@code unchecked}, the patient's other prescriptions and
 * dispensing records whose courses no check had recorded (moved while alerts were switched off); with any, the check
 * was incomplete for them. Earlier revisions are read with none: the check then could not know of them. Revision 5:
 * {@code drugs}, how the catalogue described the drugs of its courses, which the medication list shows; earlier
 * revisions are read with none (null: not recorded).
 */
@Revision("5")
public record InteractionCheckCompleted(PrescriptionId prescriptionId, PatientId patientId,
                                        InstitutionId institutionId, PrescriberId prescriberId, CheckTrigger trigger,
                                        List<RecordedCourse> courses, List<RecordedAlert> alerts,
                                        List<DrugCode> unknownDrugCodes, UncheckedCourses unchecked,
                                        String catalogueVersion, Instant checkedAt, DrugDescriptions drugs)
        implements PrescriptionEvent {

    public InteractionCheckCompleted {
        courses = List.copyOf(courses);
        alerts = List.copyOf(alerts);
        unknownDrugCodes = List.copyOf(unknownDrugCodes);
        unchecked = unchecked == null ? UncheckedCourses.NONE : unchecked;
    }

    /** A check whose courses' drugs were not described (as revisions before 5 were recorded). */
    public InteractionCheckCompleted(PrescriptionId prescriptionId, PatientId patientId,
                                     InstitutionId institutionId, PrescriberId prescriberId, CheckTrigger trigger,
                                     List<RecordedCourse> courses, List<RecordedAlert> alerts,
                                     List<DrugCode> unknownDrugCodes, UncheckedCourses unchecked,
                                     String catalogueVersion, Instant checkedAt) {
        this(prescriptionId, patientId, institutionId, prescriberId, trigger, courses, alerts, unknownDrugCodes,
                unchecked, catalogueVersion, checkedAt, null);
    }

    /** The same check with its courses' drugs described. */
    public InteractionCheckCompleted describing(DrugDescriptions described) {
        return new InteractionCheckCompleted(prescriptionId, patientId, institutionId, prescriberId, trigger, courses,
                alerts, unknownDrugCodes, unchecked, catalogueVersion, checkedAt, described);
    }

    /** A check that met no course moved without a check. */
    public InteractionCheckCompleted(PrescriptionId prescriptionId, PatientId patientId, InstitutionId institutionId,
                                     PrescriberId prescriberId, CheckTrigger trigger, List<RecordedCourse> courses,
                                     List<RecordedAlert> alerts, List<DrugCode> unknownDrugCodes,
                                     String catalogueVersion, Instant checkedAt) {
        this(prescriptionId, patientId, institutionId, prescriberId, trigger, courses, alerts, unknownDrugCodes,
                UncheckedCourses.NONE, catalogueVersion, checkedAt);
    }

    /** A check that compared every course it met. */
    public InteractionCheckCompleted(PrescriptionId prescriptionId, PatientId patientId, InstitutionId institutionId,
                                     PrescriberId prescriberId, CheckTrigger trigger, List<RecordedCourse> courses,
                                     List<RecordedAlert> alerts, String catalogueVersion, Instant checkedAt) {
        this(prescriptionId, patientId, institutionId, prescriberId, trigger, courses, alerts, List.of(),
                catalogueVersion, checkedAt);
    }

    /** Whether the check compared every course the patient may take (no unknown drug code, nothing unchecked). */
    public boolean complete() {
        return unknownDrugCodes.isEmpty() && unchecked.isEmpty();
    }
}
