package org.eprescription.core.code;

import java.util.Collection;

/**
 * The exchange code hashes that prescriptions not yet final (not completed, cancelled or expired) hold, as every
 * committed command left them, for an issue to pick a code no live prescription holds. Implemented outside the core
 * (a table kept in the command's own transaction, whose unique index lets only one of two simultaneous issues of the
 * same hash commit).
 */
public interface LiveExchangeCodes {

    /** Whether a live prescription holds any of these hashes. */
    boolean anyHeld(Collection<String> codeHashes);

    /** None held: for a deployment or test that keeps no table. */
    static LiveExchangeCodes none() {
        return hashes -> false;
    }
}
