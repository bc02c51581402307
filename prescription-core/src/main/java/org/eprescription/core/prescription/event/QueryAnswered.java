package org.eprescription.core.prescription.event;

import org.axonframework.serialization.Revision;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.ids.QueryId;

import java.time.Instant;

/**
 * The issuing institution answered a pharmacist's query; {@code changeAccepted} says whether it accepted the lines
 * the query proposed (then {@link PrescriptionAmended} follows).
 */
@Revision("1")
public record QueryAnswered(PrescriptionId prescriptionId, QueryId queryId, InstitutionId institutionId,
                            PrescriberId prescriberId, String answer, boolean changeAccepted, Instant answeredAt)
        implements PrescriptionEvent {
}
