package org.eprescription.api.prescription;

import lombok.RequiredArgsConstructor;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.prescription.PrescriptionView;
import org.springframework.stereotype.Component;

/**
 * A prescription read as {@code GET /prescriptions/{id}} reads it, for that endpoint and the FHIR reads of the same
 * prescription ({@code GET /fhir/Task/{id}}, {@code GET /fhir/MedicationDispense?prescription=}).
 */
@Component
@RequiredArgsConstructor
public class PrescriptionReads {

    private final ResourceAccess access;
    private final AccessLog accessLog;

    /** The view, for whoever {@link ResourceAccess#readablePrescription} admits; the read in the patient's access log. */
    public PrescriptionView readable(PrescriptionId id) {
        PrescriptionView view = access.readablePrescription(id);
        accessLog.read(view.patient().id(), "prescription " + id);
        return view;
    }
}
