package org.eprescription.api.fhir;

import org.eprescription.api.problem.ProblemHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A FHIR operation recorded but not answered (202, docs/fhir.md, "Errors"): an informational OperationOutcome, and a
 * Location that names the Task, never the JSON API's prescription it was recorded under.
 */
final class RecordedTaskAnswers {

    private static final Pattern PRESCRIPTION = Pattern.compile("^(.*)/api/v1/prescriptions/([^/?#]+)$");

    private RecordedTaskAnswers() {
    }

    static ProblemDetail recorded() {
        return ProblemHandler.problem(HttpStatus.ACCEPTED, "command-recorded", "Command recorded",
                "the operation was recorded, but its answer could not be read now; read the Task (Location) later "
                        + "instead of repeating the operation");
    }

    /** The Task a prescription's JSON location names; any other location as it is (null for none). */
    static String taskLocation(String location) {
        if (location == null) {
            return null;
        }
        Matcher prescription = PRESCRIPTION.matcher(location);
        return prescription.matches()
                ? prescription.group(1) + FhirPaths.BASE + "/Task/" + prescription.group(2) : location;
    }
}
