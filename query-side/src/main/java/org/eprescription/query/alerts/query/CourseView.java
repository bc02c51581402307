package org.eprescription.query.alerts.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eprescription.core.catalogue.Route;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.ids.Party;

import java.time.LocalDate;
import java.util.List;

/**
 * One course of the medication list; name, ingredients and route as the check that recorded the course described its
 * drug (docs/architecture.md, "Reference data"), or from the catalogue for a course recorded before checks described
 * their drugs (null and empty if it lacks the drug). A
 * course of a registered dispensing record has no {@code prescriptionId}: it names the record and who registered it,
 * its {@code lineNumber} is the item and its {@code use} the record's revision.
 */
public record CourseView(PrescriptionId prescriptionId, int lineNumber, int use, DrugCode drugCode, String drugName,
                         List<String> ingredients, Route route, LocalDate from, LocalDate to, CourseStatus status,
                         InstitutionId institutionId, PrescriberId prescriberId,
                         @JsonInclude(JsonInclude.Include.NON_NULL) DispensingRecordId dispensingRecordId,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Party registeredBy) {

    public CourseView {
        ingredients = List.copyOf(ingredients);
    }
}
