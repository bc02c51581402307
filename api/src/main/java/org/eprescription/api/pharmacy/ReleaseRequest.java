package org.eprescription.api.pharmacy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eprescription.api.input.FieldLimits;
import org.eprescription.api.input.Identifier;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.command.ReleasePrescription;

/** The body of {@code POST /prescriptions/{id}/release}. */
public record ReleaseRequest(@NotBlank @Identifier String pharmacyId,
                             @Size(max = FieldLimits.TEXT) String reason) {

    public ReleasePrescription toCommand(PrescriptionId prescriptionId) {
        return new ReleasePrescription(prescriptionId, PharmacyId.of(pharmacyId), reason);
    }
}
