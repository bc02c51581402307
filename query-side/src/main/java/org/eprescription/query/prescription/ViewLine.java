package org.eprescription.query.prescription;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.catalogue.DrugDescription;
import org.eprescription.core.catalogue.DrugDescriptions;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.prescription.PrescribedLine;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * One prescribed line as the view shows it. The drug's names are those the event that brought the drug into the
 * prescription recorded (an issue or an amendment), whatever the catalogue says later. A line of an event recorded
 * before events described their drugs has none recorded ({@code namesRecorded} false): its row stores no names, and
 * they come from the catalogue the exchange runs with when the view is read, so that a replay under another catalogue
 * still writes the same rows (docs/architecture.md, "Reference data").
 *
 * @param drugName          the recorded name of the prescribed drug (or today's catalogue's, when none was recorded);
 *                          null if the catalogue did not know it
 * @param drugNameJa        the recorded Japanese name of it, likewise; null if the catalogue gave none
 * @param dispensedQuantity what was dispensed against this line in the current use (0 when nothing yet), in units of
 *                          the prescribed drug: a substitute of another strength counts as the units giving its dose
 * @param asNeeded          taken as needed (頓用) rather than on a schedule
 * @param namesRecorded     whether the names are the recorded ones; kept in the row, never part of an answer
 */
public record ViewLine(int lineNumber, DrugCode drugCode, String drugName, String drugNameJa, BigDecimal quantity,
                       String unit, String dosage, int days, BigDecimal dispensedQuantity, boolean asNeeded,
                       @JsonIgnore boolean namesRecorded) {

    /** The field of a stored line that says its names are recorded (absent: not recorded). */
    static final String NAMES_RECORDED = "namesRecorded";

    /** A line whose names are not recorded. */
    public ViewLine(int lineNumber, DrugCode drugCode, String drugName, String drugNameJa, BigDecimal quantity,
                    String unit, String dosage, int days, BigDecimal dispensedQuantity, boolean asNeeded) {
        this(lineNumber, drugCode, drugName, drugNameJa, quantity, unit, dosage, days, dispensedQuantity, asNeeded,
                false);
    }

    /**
     * A line named as {@code recorded} describes its drug, or, when its event recorded no descriptions (null), as
     * {@code catalogue} does today.
     */
    static ViewLine named(int lineNumber, DrugCode drugCode, DrugDescriptions recorded, DrugCatalogue catalogue,
                          BigDecimal quantity, String unit, String dosage, int days, BigDecimal dispensedQuantity,
                          boolean asNeeded) {
        Optional<DrugDescription> drug = DrugDescriptions.describe(recorded, drugCode, catalogue);
        return new ViewLine(lineNumber, drugCode, drug.map(DrugDescription::name).orElse(null),
                drug.map(DrugDescription::nameJa).orElse(null), quantity, unit, dosage, days, dispensedQuantity,
                asNeeded, recorded != null);
    }

    /** What a row stores: the recorded names, or none when they come from the catalogue (reference data). */
    ViewLine withoutNames() {
        if (namesRecorded) {
            return this;
        }
        return new ViewLine(lineNumber, drugCode, null, null, quantity, unit, dosage, days, dispensedQuantity,
                asNeeded, false);
    }

    /** The same line, named as {@code catalogue} names its drug unless its names are recorded. */
    ViewLine namedBy(DrugCatalogue catalogue) {
        if (namesRecorded) {
            return this;
        }
        return named(lineNumber, drugCode, null, catalogue, quantity, unit, dosage, days, dispensedQuantity,
                asNeeded);
    }

    /** The same line as read from a row, which says whether its names are recorded. */
    ViewLine withNamesRecorded(boolean recorded) {
        return new ViewLine(lineNumber, drugCode, drugName, drugNameJa, quantity, unit, dosage, days,
                dispensedQuantity, asNeeded, recorded);
    }

    /** The line as prescribed: without its names and what was dispensed against it. */
    public PrescribedLine prescribed() {
        return new PrescribedLine(lineNumber, drugCode, quantity, unit, dosage, days, asNeeded);
    }

    /** The same line with {@code dispensed} dispensed against it in the current use. */
    ViewLine withDispensed(BigDecimal dispensed) {
        return new ViewLine(lineNumber, drugCode, drugName, drugNameJa, quantity, unit, dosage, days, dispensed,
                asNeeded, namesRecorded);
    }
}
