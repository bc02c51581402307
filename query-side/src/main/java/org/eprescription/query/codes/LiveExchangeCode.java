package org.eprescription.query.codes;

import org.eprescription.core.ids.PrescriptionId;

/** A code hash a live prescription holds, as the issuing command's own transaction recorded it. */
public record LiveExchangeCode(String codeHash, PrescriptionId prescriptionId) {
}
