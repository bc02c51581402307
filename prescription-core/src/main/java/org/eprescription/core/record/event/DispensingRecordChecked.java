package org.eprescription.core.record.event;

import org.axonframework.serialization.Revision;
import org.eprescription.core.catalogue.DrugDescriptions;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.interaction.CheckTrigger;
import org.eprescription.core.interaction.RecordedAlert;
import org.eprescription.core.interaction.RecordedCourse;
import org.eprescription.core.interaction.UncheckedCourses;
import org.eprescription.core.ids.Party;

import java.time.Instant;
import java.util.List;

/**
 * The interaction check of a registration, correction or withdrawal of a dispensing record ran (docs/alerts.md,
 * "Registered dispensings"), as {@code InteractionCheckCompleted} is a prescription's:
 * <ul>
 *   <li>{@code courses}: the record's courses the command created or stopped, one per item, {@code use} being the
 *   record's revision and {@code lineNumber} the item number;</li>
 *   <li>{@code alerts}: the alerts it raised, their conflicts as they stood (empty: checked, nothing found; a
 *   withdrawal checks nothing and raises none);</li>
 *   <li>{@code unknownDrugCodes}: the drug codes it could not compare because the catalogue did not know them (an
 *   item's, or another course's of the patient in the same days); with any, the check was incomplete for them;</li>
 *   <li>{@code unchecked}: the patient's prescriptions and other records whose courses no check had recorded (moved
 *   while alerts were switched off); with any, the check was incomplete for them;</li>
 *   <li>{@code resolvedAlerts}: the record's earlier alerts that no longer hold, because the courses they were
 *   raised on were replaced or withdrawn;</li>
 *   <li>whose courses they are: the prescribing institution if known ({@code institutionId}), the prescriber if a
 *   prescriber registered, and {@code registeredBy}.</li>
 * </ul>
 *
 * <p>Revision 2: {@code unknownDrugCodes}; revision 1 is read with none. Revision 3: {@code unchecked}; earlier
 * revisions are read with none ({@link DispensingRecordCheckedUpcaster}). Revision 4: {@code drugs}, how the catalogue
 * described the drugs of its courses, which the medication list shows; earlier revisions are read with none (null:
 * not recorded).
 */
@Revision("4")
public record DispensingRecordChecked(DispensingRecordId recordId, PatientId patientId, InstitutionId institutionId,
                                      PrescriberId prescriberId, Party registeredBy, CheckTrigger trigger,
                                      List<RecordedCourse> courses, List<RecordedAlert> alerts,
                                      List<DrugCode> unknownDrugCodes, UncheckedCourses unchecked,
                                      List<AlertId> resolvedAlerts, String catalogueVersion, Instant checkedAt,
                                      DrugDescriptions drugs)
        implements DispensingRecordEvent {

    public DispensingRecordChecked {
        courses = List.copyOf(courses);
        alerts = List.copyOf(alerts);
        unknownDrugCodes = unknownDrugCodes == null ? List.of() : List.copyOf(unknownDrugCodes);
        unchecked = unchecked == null ? UncheckedCourses.NONE : unchecked;
        resolvedAlerts = resolvedAlerts == null ? List.of() : List.copyOf(resolvedAlerts);
    }

    /** A check whose courses' drugs were not described (as revisions before 4 were recorded). */
    public DispensingRecordChecked(DispensingRecordId recordId, PatientId patientId, InstitutionId institutionId,
                                   PrescriberId prescriberId, Party registeredBy, CheckTrigger trigger,
                                   List<RecordedCourse> courses, List<RecordedAlert> alerts,
                                   List<DrugCode> unknownDrugCodes, UncheckedCourses unchecked,
                                   List<AlertId> resolvedAlerts, String catalogueVersion, Instant checkedAt) {
        this(recordId, patientId, institutionId, prescriberId, registeredBy, trigger, courses, alerts,
                unknownDrugCodes, unchecked, resolvedAlerts, catalogueVersion, checkedAt, null);
    }

    /** The same check with its courses' drugs described. */
    public DispensingRecordChecked describing(DrugDescriptions described) {
        return new DispensingRecordChecked(recordId, patientId, institutionId, prescriberId, registeredBy, trigger,
                courses, alerts, unknownDrugCodes, unchecked, resolvedAlerts, catalogueVersion, checkedAt, described);
    }

    /** A check that met no course moved without a check. */
    public DispensingRecordChecked(DispensingRecordId recordId, PatientId patientId, InstitutionId institutionId,
                                   PrescriberId prescriberId, Party registeredBy, CheckTrigger trigger,
                                   List<RecordedCourse> courses, List<RecordedAlert> alerts,
                                   List<DrugCode> unknownDrugCodes, List<AlertId> resolvedAlerts,
                                   String catalogueVersion, Instant checkedAt) {
        this(recordId, patientId, institutionId, prescriberId, registeredBy, trigger, courses, alerts,
                unknownDrugCodes, UncheckedCourses.NONE, resolvedAlerts, catalogueVersion, checkedAt);
    }

    /** A check that compared every course it met. */
    public DispensingRecordChecked(DispensingRecordId recordId, PatientId patientId, InstitutionId institutionId,
                                   PrescriberId prescriberId, Party registeredBy, CheckTrigger trigger,
                                   List<RecordedCourse> courses, List<RecordedAlert> alerts,
                                   List<AlertId> resolvedAlerts, String catalogueVersion, Instant checkedAt) {
        this(recordId, patientId, institutionId, prescriberId, registeredBy, trigger, courses, alerts, List.of(),
                resolvedAlerts, catalogueVersion, checkedAt);
    }

    /** Whether the check compared every course the patient may take (no unknown drug code, nothing unchecked). */
    public boolean complete() {
        return unknownDrugCodes.isEmpty() && unchecked.isEmpty();
    }
}
