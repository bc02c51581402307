package org.eprescription.query.alerts.query;

import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;

import java.util.List;

/**
 * The patient's medication list (the PHR view): current = not stopped and not ended before today, oldest start
 * first; past = stopped or ended, newest start first. {@code sharingAllowed}: the patient's consent to let providers
 * see courses other institutions prescribed.
 */
public record MedicationList(PatientId patientId, List<CourseView> current, List<CourseView> past,
                             boolean sharingAllowed) {

    public MedicationList {
        current = List.copyOf(current);
        past = List.copyOf(past);
    }

    /**
     * The list as a provider may see it (docs/domain.md, "Consent"): without the patient's consent only the courses its
     * own institution prescribed; {@code ownInstitution} null (a pharmacy) then sees none.
     */
    public MedicationList forProvider(InstitutionId ownInstitution) {
        if (sharingAllowed) {
            return this;
        }
        return new MedicationList(patientId, ownedBy(current, ownInstitution), ownedBy(past, ownInstitution), false);
    }

    private static List<CourseView> ownedBy(List<CourseView> courses, InstitutionId institution) {
        return courses.stream().filter(course -> institution != null && institution.equals(course.institutionId()))
                .toList();
    }
}
