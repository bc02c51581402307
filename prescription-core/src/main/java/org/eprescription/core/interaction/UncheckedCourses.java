package org.eprescription.core.interaction;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.PrescriptionId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The patient's prescriptions and registered dispensing records whose courses no check recorded, because a command
 * moved them while alerts were switched off (docs/alerts.md, "After alerts were switched off"): the course record
 * does not hold them, so a check cannot say that they do not conflict. With any, a check is incomplete.
 */
public record UncheckedCourses(List<PrescriptionId> prescriptions, List<DispensingRecordId> dispensingRecords) {

    public static final UncheckedCourses NONE = new UncheckedCourses(List.of(), List.of());

    public UncheckedCourses {
        prescriptions = prescriptions == null ? List.of() : prescriptions.stream().distinct()
                .sorted(Comparator.comparing(PrescriptionId::value)).toList();
        dispensingRecords = dispensingRecords == null ? List.of() : dispensingRecords.stream().distinct()
                .sorted(Comparator.comparing(DispensingRecordId::value)).toList();
    }

    @JsonIgnore
    public boolean isEmpty() {
        return prescriptions.isEmpty() && dispensingRecords.isEmpty();
    }

    /** These without {@code source} itself: a check never compares a source with its own courses. */
    public UncheckedCourses without(CourseSource source) {
        return new UncheckedCourses(
                prescriptions.stream().filter(id -> !id.equals(source.prescriptionId())).toList(),
                dispensingRecords.stream().filter(id -> !id.equals(source.dispensingRecordId())).toList());
    }

    public UncheckedCourses plus(UncheckedCourses other) {
        List<PrescriptionId> both = new ArrayList<>(prescriptions);
        both.addAll(other.prescriptions);
        List<DispensingRecordId> records = new ArrayList<>(dispensingRecords);
        records.addAll(other.dispensingRecords);
        return new UncheckedCourses(both, records);
    }
}
