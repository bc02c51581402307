package org.eprescription.core.prescription.event;

import org.eprescription.core.ids.PrescriptionId;

/** Something that happened to one prescription. */
public interface PrescriptionEvent {

    /**
     * The metadata key under which every event of a patient's medicine (a prescription's, a registered dispensing's, a
     * consent) names the patient, so projections can keep one patient's events in order.
     */
    String PATIENT_ID_METADATA = "patientId";

    PrescriptionId prescriptionId();
}
