package org.eprescription.query.prescription;

import org.eprescription.core.ids.PrescriptionId;

import java.util.Optional;

/**
 * Where {@link PrescriptionViewProjection} reads and writes its rows: {@link PrescriptionViewRepository} (one
 * statement per call, the live view), or {@link PrescriptionViewReplayStore} (rows held in memory and written in
 * batches, for a replay into scratch tables).
 */
public interface PrescriptionViewStore {

    Optional<PrescriptionView> load(PrescriptionId prescriptionId);

    /**
     * Inserts or replaces the row of {@code view}, unless the stored row is already at the same or a later version.
     *
     * @param issuedCode required when the row is created (from PrescriptionIssued); null keeps the stored one
     * @return whether the row was written
     */
    boolean save(PrescriptionView view, IssuedCode issuedCode);
}
