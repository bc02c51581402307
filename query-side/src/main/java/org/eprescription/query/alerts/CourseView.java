package org.eprescription.query.alerts;

import org.eprescription.core.catalogue.Route;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.CourseStatus;

import java.time.LocalDate;
import java.util.List;

/** One course of the medication list; name, ingredients and route from the catalogue (null if it lacks the drug). */
public record CourseView(PrescriptionId prescriptionId, int lineNumber, int use, DrugCode drugCode, String drugName,
                         List<String> ingredients, Route route, LocalDate from, LocalDate to, CourseStatus status,
                         InstitutionId institutionId, PrescriberId prescriberId) {

    public CourseView {
        ingredients = List.copyOf(ingredients);
    }
}
