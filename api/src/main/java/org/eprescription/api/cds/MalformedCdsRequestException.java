package org.eprescription.api.cds;

import org.eprescription.api.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** A CDS Hooks request of the right JSON shape that the called service cannot take: another hook, no Bundle (400). */
class MalformedCdsRequestException extends ProblemException {

    MalformedCdsRequestException(String detail) {
        super(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", detail);
    }
}
