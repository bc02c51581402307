package org.eprescription.api.fhir;

import lombok.RequiredArgsConstructor;
import org.eprescription.core.catalogue.Drug;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.ids.DrugCode;
import org.springframework.stereotype.Component;

/**
 * The unit a quantity handed out against a line is counted in (docs/fhir.md, "Task/{id}/$dispense"): the line's for
 * the prescribed drug, the catalogue's for a substitute (capsules against a line of tablets). The events record no
 * unit of a substitute, so it is the catalogue's, as {@code $dispense} read the quantity in; none (null) once the
 * catalogue no longer describes the substitute: never the line's unit, which is not what went out.
 */
@Component
@RequiredArgsConstructor
class HandedOutUnit {

    private final DrugCatalogue catalogue;

    String of(DrugCode prescribed, String lineUnit, DrugCode handedOut) {
        if (handedOut.equals(prescribed)) {
            return lineUnit;
        }
        return catalogue.find(handedOut).map(Drug::unit).orElse(null);
    }
}
