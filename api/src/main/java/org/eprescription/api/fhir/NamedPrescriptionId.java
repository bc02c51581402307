package org.eprescription.api.fhir;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The prescription id a {@code Task/$create} Bundle names for itself (docs/fhir.md, "Task/$create", "Retries"), the
 * JSON API's {@code prescriptionId}: the MedicationRequests' {@code groupIdentifier} (the element the answer names the
 * prescription by) and {@code Bundle.identifier}, of system {@code prescription-id}. Where both are given they must
 * name the same prescription, and every MedicationRequest must name it or none: a Bundle that names two, or lines of
 * which only some belong to it, is refused (400) rather than issued under one of them. Identifiers of other systems
 * (an EHR's own order number) name no prescription of the exchange and are not read.
 */
final class NamedPrescriptionId {

    private NamedPrescriptionId() {
    }

    /** The id the Bundle names, or null when it names none (the exchange then gives one). */
    static UUID of(Bundle bundle, List<MedicationRequest> requests, String system) {
        Set<UUID> named = new LinkedHashSet<>();
        if (bundle.hasIdentifier() && system.equals(bundle.getIdentifier().getSystem())) {
            named.add(parse("Bundle.identifier", bundle.getIdentifier(), system));
        }
        int naming = 0;
        for (int index = 0; index < requests.size(); index++) {
            MedicationRequest request = requests.get(index);
            if (request.hasGroupIdentifier() && system.equals(request.getGroupIdentifier().getSystem())) {
                naming++;
                named.add(parse("MedicationRequest " + (index + 1) + ": groupIdentifier",
                        request.getGroupIdentifier(), system));
            }
        }
        if (naming > 0 && naming < requests.size()) {
            throw FhirRequestException.malformed("only " + naming + " of the " + requests.size()
                    + " MedicationRequests have a groupIdentifier of system " + system + "; a prescription's lines "
                    + "all name it, or none do (docs/fhir.md, \"Task/$create\")");
        }
        if (named.size() > 1) {
            throw FhirRequestException.malformed("the Bundle names more than one prescription of system " + system
                    + " (" + String.join(", ", named.stream().map(UUID::toString).toList()) + ": Bundle.identifier "
                    + "and the MedicationRequests' groupIdentifier must name the same one)");
        }
        return named.stream().findFirst().orElse(null);
    }

    private static UUID parse(String where, Identifier identifier, String system) {
        String value = identifier.getValue();
        try {
            if (value != null && value.length() == 36) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException notAnId) {
            // said below
        }
        throw FhirRequestException.malformed(where + " of system " + system + " must be a prescription id, a UUID"
                + (value == null || value.length() > 64 ? "" : " (it is " + value + ")"));
    }
}
