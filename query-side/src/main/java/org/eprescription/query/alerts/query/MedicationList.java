package org.eprescription.query.alerts.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.Party;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PatientId;

import java.util.List;
import java.util.function.Predicate;

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
     * own institution prescribed and those of the dispensings its institution or pharmacy registered itself (either
     * null when the caller acts for none).
     */
    public MedicationList forProvider(InstitutionId ownInstitution, PharmacyId ownPharmacy) {
        if (sharingAllowed) {
            return this;
        }
        Predicate<CourseView> own = course -> ownInstitution != null && ownInstitution.equals(course.institutionId())
                || registeredBy(course, ownInstitution, ownPharmacy);
        return new MedicationList(patientId, current.stream().filter(own).toList(),
                past.stream().filter(own).toList(), false, upToDate);
    }

    private static boolean registeredBy(CourseView course, InstitutionId institution, PharmacyId pharmacy) {
        Party registrant = course.registeredBy();
        return registrant != null && (institution != null && registrant.actsFor(institution)
                || pharmacy != null && registrant.actsFor(pharmacy));
    }
}
