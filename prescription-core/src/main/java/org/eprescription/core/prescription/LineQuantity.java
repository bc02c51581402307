package org.eprescription.core.prescription;

import java.math.BigDecimal;

/**
 * How much of a line's prescribed drug a dispensing counts as, decided when it was dispensed: 56 tablets of amlodipine
 * 2.5 mg count as 28 of the prescribed 5 mg. Recorded so that a view replayed under another catalogue shows the same.
 */
public record LineQuantity(int lineNumber, BigDecimal quantity) {
}
