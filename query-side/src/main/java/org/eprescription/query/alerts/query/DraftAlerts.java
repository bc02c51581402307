package org.eprescription.query.alerts.query;

import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.interaction.UncheckedCourses;

import java.util.List;

/**
 * What a draft's check found: the alerts, whether it could compare every course it met, and the drug codes it could
 * not compare because the catalogue does not know them (docs/alerts.md, "Drugs the catalogue does not know"), and the
 * patient's prescriptions and records whose courses no check recorded ("After alerts were switched off"). Both are the
 * patient's medication: a caller who may not see it learns only that the check is incomplete.
 */
public record DraftAlerts(List<AlertView> alerts, boolean complete, List<DrugCode> unknownDrugCodes,
                          UncheckedCourses unchecked, String catalogueVersion) {

    public DraftAlerts {
        alerts = List.copyOf(alerts);
        unknownDrugCodes = List.copyOf(unknownDrugCodes);
        unchecked = unchecked == null ? UncheckedCourses.NONE : unchecked;
    }
}
