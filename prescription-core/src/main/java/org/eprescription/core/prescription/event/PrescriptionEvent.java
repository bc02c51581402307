package org.eprescription.core.prescription.event;

import org.eprescription.core.ids.PrescriptionId;

/** Something that happened to one prescription. */
public interface PrescriptionEvent {

    PrescriptionId prescriptionId();
}
