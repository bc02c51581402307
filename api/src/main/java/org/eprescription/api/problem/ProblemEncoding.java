package org.eprescription.api.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ProblemDetail;

import java.io.IOException;

/**
 * Another way to say a problem than application/problem+json, for the requests of an interface that has its own
 * (the FHIR interface's OperationOutcome). Used where a problem is written outside Spring MVC, by the security
 * filters; a feature provides it as a bean, so the platform never knows the feature.
 */
public interface ProblemEncoding {

    /** Whether this request's problems are written by this encoding. */
    boolean encodes(HttpServletRequest request);

    void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException;
}
