package org.eprescription.api.fhir;

import org.eprescription.api.pharmacy.DispenseRequest;
import org.eprescription.core.ids.PrescriptionId;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Parameters of {@code $dispense} and {@code $close} as the JSON API's dispense items (docs/fhir.md,
 * "Task/{id}/$dispense"): one MedicationDispense per item. Only the shape is checked here; whether the items may be
 * dispensed (quantities, a substitute's equivalence) is the aggregate's decision.
 */
@Component
class DispenseParametersReader {

    static final String DISPENSE = "medicationDispense";
    static final String COMPLETES_USE = "completes-use";

    /**
     * What the body says: the items, the units their quantities name (per item, the unit and code given; empty when
     * none), and the pharmacy and pharmacist its performers name (null: none named).
     */
    record Dispense(List<DispenseRequest.Item> items, List<Set<String>> namedUnits, boolean completesUse,
                    String namedPharmacy, String namedPharmacist) {
    }

    private final FhirSystems systems;
    private final Clock clock;
    private final MedicationRequestMapper requests;

    DispenseParametersReader(FhirSystems systems, Clock clock, MedicationRequestMapper requests) {
        this.systems = systems;
        this.clock = clock;
        this.requests = requests;
    }

    Dispense read(PrescriptionId prescription, OperationParameters parameters, boolean completing) {
        List<MedicationDispense> dispenses = parameters.resources(DISPENSE, MedicationDispense.class);
        if (dispenses.isEmpty()) {
            throw FhirRequestException.malformed(parameters.operation() + " takes one or more " + DISPENSE
                    + " parameters, each a MedicationDispense");
        }
        List<DispenseRequest.Item> items = new ArrayList<>();
        List<Set<String>> units = new ArrayList<>();
        for (int index = 0; index < dispenses.size(); index++) {
            items.add(item(prescription, "MedicationDispense " + (index + 1), dispenses.get(index)));
            units.add(unitsOf(dispenses.get(index)));
        }
        boolean completesUse = completing || parameters.bool(COMPLETES_USE).orElse(false);
        return new Dispense(items, units, completesUse, performer(dispenses, systems.pharmacyId()),
                performer(dispenses, systems.pharmacistId()));
    }

    private DispenseRequest.Item item(PrescriptionId prescription, String where, MedicationDispense dispense) {
        if (dispense.getStatus() != MedicationDispense.MedicationDispenseStatus.COMPLETED) {
            throw FhirRequestException.malformed(where + ": a dispensing takes MedicationDispenses of status "
                    + "completed");
        }
        if (!dispense.hasMedicationCodeableConcept()) {
            throw FhirRequestException.malformed(where + ": the drug must be a medicationCodeableConcept");
        }
        String drugCode = FhirInputs.yjCode(where, dispense.getMedicationCodeableConcept());
        if (!dispense.hasQuantity() || !dispense.getQuantity().hasValue()) {
            throw FhirRequestException.malformed(where + ": quantity with a value is required");
        }
        if (dispense.hasWhenHandedOver() && !FhirInputs.day(where + ": whenHandedOver",
                dispense.getWhenHandedOverElement(), clock.getZone()).equals(LocalDate.now(clock))) {
            // the exchange dates a dispensing the day it records it: the course starts then, and the correction
            // window is that day; another day would be silently replaced
            throw FhirRequestException.malformed(where + ": whenHandedOver must be today; the exchange records a "
                    + "dispensing on the day it is handed over");
        }
        int days = FhirInputs.wholeDays(where, "daysSupply", dispense.getDaysSupply());
        return new DispenseRequest.Item(line(prescription, where, dispense.getAuthorizingPrescription()), drugCode,
                dispense.getQuantity().getValue(), days);
    }

    /** The unit and code a MedicationDispense's quantity names, lower case; empty when it names neither. */
    private static Set<String> unitsOf(MedicationDispense dispense) {
        Set<String> named = new java.util.HashSet<>();
        if (dispense.getQuantity().hasUnit()) {
            named.add(dispense.getQuantity().getUnit().toLowerCase(java.util.Locale.ROOT));
        }
        if (dispense.getQuantity().hasCode()) {
            named.add(dispense.getQuantity().getCode().toLowerCase(java.util.Locale.ROOT));
        }
        return named;
    }

    /** The line the one authorizingPrescription names by its identifier (docs/fhir.md, "Identifiers"). */
    private int line(PrescriptionId prescription, String where, List<Reference> authorizing) {
        if (authorizing.size() != 1 || !authorizing.get(0).hasIdentifier()) {
            throw FhirRequestException.malformed(where + ": exactly one authorizingPrescription is required, naming "
                    + "the MedicationRequest by its identifier of system " + systems.prescriptionLine());
        }
        Identifier identifier = authorizing.get(0).getIdentifier();
        return requests.lineNumber(prescription, identifier).orElseThrow(() -> FhirRequestException.malformed(
                where + ": authorizingPrescription " + identifier.getSystem() + "|" + identifier.getValue()
                        + " names no line of Task " + prescription));
    }

    /** The one value the performers name in {@code system}, or null; two different ones are refused. */
    private static String performer(List<MedicationDispense> dispenses, String system) {
        Set<String> named = dispenses.stream().flatMap(dispense -> dispense.getPerformer().stream())
                .map(performer -> performer.getActor().getIdentifier())
                .filter(identifier -> system.equals(identifier.getSystem()))
                .map(Identifier::getValue).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        if (named.size() > 1) {
            throw FhirRequestException.malformed("the MedicationDispenses name different performers of system "
                    + system + "; one pharmacist of one pharmacy dispenses");
        }
        return named.stream().findFirst().orElse(null);
    }
}
