package org.eprescription.core.prescription;

import org.eprescription.core.catalogue.Drug;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.catalogue.DrugDescription;
import org.eprescription.core.catalogue.DrugDescriptions;
import org.eprescription.core.catalogue.Route;
import org.eprescription.core.ids.DrugCode;

import java.util.Map;
import java.util.Optional;

/**
 * The route a course counts its drug by (a topical drug counts 14 days, docs/domain.md, "Courses"): as the events that
 * brought the drug in described it, never as a later catalogue does, so that a drug delisted or whose route changed
 * keeps the course length its issue or dispensing judged. Only a drug no event described (events recorded before
 * they described their drugs) is counted by {@code catalogue}, the one the exchange runs with. A null route is a drug
 * nobody describes: its course lasts its days.
 *
 * @param prescribedAs how the issue and the amendments described the drugs of the lines
 */
record CourseRoutes(Map<DrugCode, DrugDescription> prescribedAs, DrugCatalogue catalogue) {

    /** The route of a line's prescribed drug: as the issue or the latest amendment described it. */
    Route ofPrescribed(DrugCode drug) {
        DrugDescription described = prescribedAs.get(drug);
        if (described != null) {
            return described.route();
        }
        return catalogue.find(drug).map(Drug::route).orElse(null);
    }

    /**
     * The route of a drug a dispensing handed out: as that dispensing described it ({@code recorded}, null when it
     * was recorded before dispensings described their drugs), else as the prescribed drug ({@link #ofPrescribed}): an
     * item of the prescribed drug itself describes nothing of its own.
     */
    Route ofDispensed(DrugDescriptions recorded, DrugCode drug) {
        return Optional.ofNullable(recorded).flatMap(described -> described.find(drug)).map(DrugDescription::route)
                .orElseGet(() -> ofPrescribed(drug));
    }
}
