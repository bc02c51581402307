package org.eprescription.query.alerts.query;

import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PharmacyId;

/**
 * Who asks a draft check, as far as a care relationship goes: the caller's institution (a prescriber's) and pharmacy
 * (a pharmacist's), either null. The patient is in their care when that institution issued, or that pharmacy holds or
 * dispensed, one of the patient's prescriptions (docs/alerts.md, "Privacy").
 */
public record CareParties(InstitutionId institution, PharmacyId pharmacy) {
}
