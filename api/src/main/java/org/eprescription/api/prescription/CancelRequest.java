package org.eprescription.api.prescription;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eprescription.api.actor.Actor;
import org.eprescription.api.input.FieldLimits;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.command.CancelPrescription;

/** The body of {@code POST /prescriptions/{id}/cancel}. */
public record CancelRequest(@NotBlank @Size(max = FieldLimits.TEXT) String reason) {

    /** The command of the prescriber {@code actor} (its institution cancels). */
    public CancelPrescription toCommand(PrescriptionId prescriptionId, Actor actor) {
        return new CancelPrescription(prescriptionId, InstitutionId.of(actor.organisationId()),
                PrescriberId.of(actor.userId()), reason);
    }
}
