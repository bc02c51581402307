package org.eprescription.core.prescription.event;

import org.eprescription.core.prescription.AlertAcknowledgement;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.core.prescription.PrescribedLine;
import org.eprescription.core.prescription.PrescriberDetails;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.eprescription.core.ids.PrescriptionId;

import java.time.Instant;

/**
 * A prescriber issued a prescription. Only a keyed hash of the exchange code is kept, with the id of the server key
 * that derived the code (revision 2) and the attempt that derived it (revision 3: a code a live prescription held
 * was derived again). {@link PrescriptionIssuedUpcaster} reads revision 1 as key "k1", revisions 1 and 2 as attempt 0.
 */
@Revision("3")
public record PrescriptionIssued(PrescriptionId prescriptionId, PatientDetails patient, PrescriberDetails prescriber, List<PrescribedLine> lines, int refills,
                                 LocalDate validUntil, String exchangeCodeHash, String exchangeCodeKeyId,
                                 int exchangeCodeAttempt,
                                 List<AlertAcknowledgement> acknowledgedAlerts, Instant issuedAt) implements PrescriptionEvent {

    /** Issued with the first derivation of its code (attempt 0), as every issue before revision 3. */
    public PrescriptionIssued(PrescriptionId prescriptionId, PatientDetails patient, PrescriberDetails prescriber,
                              List<PrescribedLine> lines, int refills, LocalDate validUntil, String exchangeCodeHash,
                              String exchangeCodeKeyId, List<AlertAcknowledgement> acknowledgedAlerts,
                              Instant issuedAt) {
        this(prescriptionId, patient, prescriber, lines, refills, validUntil, exchangeCodeHash, exchangeCodeKeyId, 0,
                acknowledgedAlerts, issuedAt);
    }
}
