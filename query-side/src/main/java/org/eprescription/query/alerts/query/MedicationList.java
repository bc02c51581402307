package org.eprescription.query.alerts.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;

import java.util.List;

/**
 * The patient's medication list (the PHR view): current = not stopped and not ended before today, oldest start
 * first; past = stopped or ended, newest start first. {@code sharingAllowed}: the patient's consent to let providers
 * see courses other institutions prescribed. {@code upToDate} only when false: the list may miss courses (the api
 * says so, docs/alerts.md, "When the exchange does not know").
 */
public record MedicationList(PatientId patientId, List<CourseView> current, List<CourseView> past,
                             boolean sharingAllowed, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean upToDate) {

    public MedicationList {
        current = List.copyOf(current);
        past = List.copyOf(past);
    }

    public MedicationList(PatientId patientId, List<CourseView> current, List<CourseView> past,
                          boolean sharingAllowed) {
        this(patientId, current, past, sharingAllowed, null);
    }

    /** The same list, said to be possibly incomplete. */
    public MedicationList notUpToDate() {
        return new MedicationList(patientId, current, past, sharingAllowed, Boolean.FALSE);
    }

    /**
     * The list as a provider may see it (docs/domain.md, "Consent"): without the patient's consent only the courses its
     * own institution prescribed; {@code ownInstitution} null (a pharmacy) then sees none.
     */
    public MedicationList forProvider(InstitutionId ownInstitution) {
        if (sharingAllowed) {
            return this;
        }
        return new MedicationList(patientId, ownedBy(current, ownInstitution), ownedBy(past, ownInstitution), false,
                upToDate);
    }

    private static List<CourseView> ownedBy(List<CourseView> courses, InstitutionId institution) {
        return courses.stream().filter(course -> institution != null && institution.equals(course.institutionId()))
                .toList();
    }
}
