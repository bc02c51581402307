package org.eprescription.query.prescription;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;

import java.util.HashSet;
import java.util.Set;

/**
 * What one node tells the others after its projection changed a prescription view: enough to decide, without
 * reading the row, whether any live subscription there is concerned (the prescription, its institution, and the
 * pharmacies that held it before and after the change), and the view's version to recognise a change already shown.
 */
public record ViewChangeNotice(PrescriptionId prescriptionId, long version, InstitutionId institutionId,
                               Set<PharmacyId> pharmacyIds) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ViewChangeNotice {
        pharmacyIds = Set.copyOf(pharmacyIds);
    }

    /**
     * This notice and a later one of the same prescription as one: the later version and institution, and every
     * pharmacy either concerns (a subscriber of each must hear of the change).
     */
    public ViewChangeNotice followedBy(ViewChangeNotice later) {
        if (!later.prescriptionId.equals(prescriptionId)) {
            throw new IllegalArgumentException("notices of two prescriptions: " + prescriptionId + ", "
                    + later.prescriptionId);
        }
        Set<PharmacyId> both = new HashSet<>(pharmacyIds);
        both.addAll(later.pharmacyIds);
        return new ViewChangeNotice(prescriptionId, Math.max(version, later.version), later.institutionId, both);
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
