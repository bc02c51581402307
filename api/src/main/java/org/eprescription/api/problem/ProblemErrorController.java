package org.eprescription.api.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the servlet container forwards to its error page (a failure outside the controllers, such as in a filter, or
 * a {@code sendError}) is answered as a problem document like every other error, in place of Spring Boot's error
 * JSON or HTML page: status and title only, never a message, exception or trace.
 */
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController implements ErrorController {

    @RequestMapping
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = statusOf(request);
        ProblemDetail problem = status == HttpStatus.INTERNAL_SERVER_ERROR
                ? ProblemHandler.problem(status, "internal-error", "Internal error",
                        "The exchange could not complete the request.")
                : ProblemHandler.problem(status, ProblemHandler.slugOfStatus(status.value()),
                        ProblemHandler.titleOfStatus(status.value()), null);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The status the failure was given; a request for the error page itself finds nothing there. */
    private static HttpStatus statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(code instanceof Integer value)) {
            return HttpStatus.NOT_FOUND;
        }
        HttpStatus status = HttpStatus.resolve(value);
        return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
