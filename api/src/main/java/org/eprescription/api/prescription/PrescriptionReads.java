package org.eprescription.api.prescription;

import lombok.RequiredArgsConstructor;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.prescription.PrescriptionView;
import org.springframework.stereotype.Component;

/**
 * A prescription read as {@code GET /prescriptions/{id}} reads it (who may, the read in the patient's access log, the
 * body), for that endpoint, its live stream and the FHIR reads of the same prescription ({@code GET /fhir/Task/{id}},
 * {@code GET /fhir/MedicationDispense?prescription=}).
 */
@Component
@RequiredArgsConstructor
public class PrescriptionReads {

    private final ResourceAccess access;
    private final AccessLog accessLog;
    private final PrescriptionResponses responses;

    /** The view, for whoever {@link ResourceAccess#readablePrescription} admits; the read in the patient's access log. */
    public PrescriptionView readable(PrescriptionId id) {
        return readable(id, "prescription " + id);
    }

    /** As {@link #readable(PrescriptionId)}, the read logged as {@code what} (a live stream of it, say). */
    public PrescriptionView readable(PrescriptionId id, String what) {
        PrescriptionView view = access.readablePrescription(id);
        accessLog.read(view.patient().id(), what);
        return view;
    }

    /** The body of {@code GET /prescriptions/{id}}: the readable view with its alerts. */
    public PrescriptionResponse response(PrescriptionId id) {
        return responses.current(readable(id));
    }
}
