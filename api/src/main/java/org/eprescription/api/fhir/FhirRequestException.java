package org.eprescription.api.fhir;

import org.eprescription.api.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** A FHIR request refused before it reaches a command: its body, its encoding or a code the exchange cannot use. */
class FhirRequestException extends ProblemException {

    FhirRequestException(HttpStatus status, String type, String title, String detail) {
        super(status, type, title, detail);
    }

    /** Not FHIR R4, or not the shape the operation takes (400). */
    static FhirRequestException malformed(String detail) {
        return new FhirRequestException(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", detail);
    }

    /** FHIR of the right shape, but a value beyond what the JSON API takes either (400, as its bean validation). */
    static FhirRequestException invalid(String detail) {
        return new FhirRequestException(HttpStatus.BAD_REQUEST, "validation", "Invalid request", detail);
    }

    /**
     * Well-formed, but a line the exchange could not count: its quantity names a unit that is not its drug's (422,
     * the problem the JSON API answers for a line in another unit).
     */
    static FhirRequestException invalidLines(String detail) {
        return new FhirRequestException(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-lines", "Invalid lines", detail);
    }

    /** Well-formed, but naming a code or identifier system the exchange does not use (422). */
    static FhirRequestException unsupportedSystem(String detail) {
        return new FhirRequestException(HttpStatus.UNPROCESSABLE_ENTITY, "unsupported-code-system",
                "Unsupported code system", detail);
    }
}
