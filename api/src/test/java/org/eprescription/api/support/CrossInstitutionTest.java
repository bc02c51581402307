package org.eprescription.api.support;

import static org.eprescription.api.support.Prescriptions.unique;

/**
 * Tests of what a prescriber learns of a patient's medication at another institution (the duplicate and interaction
 * check, its alerts): a patient, fresh for every test, treated at {@link #institution}, where {@link #prescriber}
 * prescribes, and at {@link #otherInstitution}, whose courses that prescriber sees masked without the patient's
 * consent.
 */
public abstract class CrossInstitutionTest extends ExchangeIntegrationTest {

    protected final String patient = unique("PAT");
    protected final String otherInstitution = unique("HOSP");
    protected final String institution = unique("HOSP");
    /** A prescriber of {@link #institution}, named as {@link Prescriptions#issueFor} names them. */
    protected final Identity prescriber = Identity.prescriber("DOC-" + institution, institution);
}
