package org.eprescription.core.record.event;

import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.PatientId;

/** Something that happened to one registered dispensing of one patient. */
public interface DispensingRecordEvent {

    DispensingRecordId recordId();

    PatientId patientId();
}
