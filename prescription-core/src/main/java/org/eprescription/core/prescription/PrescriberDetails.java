package org.eprescription.core.prescription;

import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PrescriberId;

import java.util.Objects;

/** Who issued a prescription and for which institution. */
public record PrescriberDetails(PrescriberId id, InstitutionId institutionId) {

    public PrescriberDetails {
        Objects.requireNonNull(id, "prescriber id");
        Objects.requireNonNull(institutionId, "institution id");
    }
}
