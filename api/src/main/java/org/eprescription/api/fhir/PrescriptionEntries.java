package org.eprescription.api.fhir;

import lombok.RequiredArgsConstructor;
import org.eprescription.query.prescription.Dispensing;
import org.eprescription.query.prescription.PrescriptionView;
import org.eprescription.query.prescription.ViewLine;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The parts of a prescription served as resources of their own, each named by an id derived from the prescription:
 * a Task operation's Bundle and a search name the same MedicationRequest or MedicationDispense the same.
 */
@Component
@RequiredArgsConstructor
class PrescriptionEntries {

    private final MedicationRequestMapper requests;
    private final MedicationDispenseMapper dispenses;

    /** The MedicationRequest of {@code line}. */
    FhirEntry request(PrescriptionView view, ViewLine line) {
        return FhirEntry.byUuid(derived(view, "line-" + line.lineNumber()), requests.of(view, line));
    }

    /** The MedicationDispense of the {@code index}th item of {@code dispensing}. */
    FhirEntry dispense(PrescriptionView view, Dispensing dispensing, int index) {
        return FhirEntry.byUuid(derived(view, "dispensing-" + dispensing.sequence() + "-" + index),
                dispenses.of(view, dispensing, dispensing.items().get(index)));
    }

    /** A stable id for a part of the prescription, so the same answer names the same resources. */
    static UUID derived(PrescriptionView view, String part) {
        return UUID.nameUUIDFromBytes((view.prescriptionId().value() + "/" + part).getBytes(StandardCharsets.UTF_8));
    }
}
