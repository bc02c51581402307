package org.eprescription.core.prescription.event;

import org.eprescription.core.catalogue.DrugDescriptions;
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
 * was derived again). Revision 4 records the day of issue as the exchange decided it in its zone ({@code issuedOn}),
 * lines that are taken as needed, and which conflicts each acknowledgement saw. Revision 5 records how the catalogue
 * described each line's drug ({@code drugs}); older revisions are read with none (null: not recorded).
 * {@link PrescriptionIssuedUpcaster} reads older revisions as this one.
 */
@Revision("5")
public record PrescriptionIssued(PrescriptionId prescriptionId, PatientDetails patient, PrescriberDetails prescriber,
                                 List<PrescribedLine> lines, int refills, LocalDate validUntil, String exchangeCodeHash,
                                 String exchangeCodeKeyId, int exchangeCodeAttempt,
                                 List<AlertAcknowledgement> acknowledgedAlerts, Instant issuedAt, LocalDate issuedOn,
                                 DrugDescriptions drugs)
        implements PrescriptionEvent {

    /** An issue whose drugs were not described (as revisions before 5 were recorded). */
    public PrescriptionIssued(PrescriptionId prescriptionId, PatientDetails patient, PrescriberDetails prescriber,
                              List<PrescribedLine> lines, int refills, LocalDate validUntil, String exchangeCodeHash,
                              String exchangeCodeKeyId, int exchangeCodeAttempt,
                              List<AlertAcknowledgement> acknowledgedAlerts, Instant issuedAt, LocalDate issuedOn) {
        this(prescriptionId, patient, prescriber, lines, refills, validUntil, exchangeCodeHash, exchangeCodeKeyId,
                exchangeCodeAttempt, acknowledgedAlerts, issuedAt, issuedOn, null);
    }
}
