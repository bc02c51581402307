package org.eprescription.core.record;

/** Where a registered dispensing stands: as registered, corrected (its items replaced), or withdrawn. */
public enum DispensingRecordStatus {
    REGISTERED, CORRECTED, WITHDRAWN
}
