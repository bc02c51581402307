package org.eprescription.query.prescription;

import org.eprescription.core.ids.InstitutionId;

/**
 * The prescriptions an institution issued, newest first, at most {@link #LIMIT} and one more if there are more (so
 * that an answer can say it stops there); answers {@code List<PrescriptionView>}.
 */
public record FindPrescriptionsByInstitution(InstitutionId institutionId) {

    /** An institution's screen lists recent work; older prescriptions are reached by id or by patient. */
    public static final int LIMIT = 500;
}
