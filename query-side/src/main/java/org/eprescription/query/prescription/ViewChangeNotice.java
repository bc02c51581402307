package org.eprescription.query.prescription;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;

import java.util.Set;

/**
 * What one node tells the others after its projection changed a prescription view: enough to decide, without
 * reading the row, whether any live subscription there is concerned (the prescription, its institution, and the
 * pharmacies that held it before and after the change), and the view's version and the position of the change to
 * recognise a change already shown (a change that names the prescription without changing it, a new alert, has the
 * version of the one before and a later position). A node reads a notice with fields it does not know, so that a
 * later release may add one without silencing the streams of nodes not yet upgraded.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ViewChangeNotice(PrescriptionId prescriptionId, long version, InstitutionId institutionId,
                               Set<PharmacyId> pharmacyIds, long position) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ViewChangeNotice {
        pharmacyIds = Set.copyOf(pharmacyIds);
    }

    public String toPayload() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a view change notice", e);
        }
    }

    public static ViewChangeNotice fromPayload(String payload) {
        try {
            return JSON.readValue(payload, ViewChangeNotice.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a view change notice: " + payload, e);
        }
    }
}
