package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.problem.ProblemEncoding;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.io.IOException;

/** A problem the security filters answer to a FHIR request (401 without a valid token), as an OperationOutcome. */
@Component
@RequiredArgsConstructor
class FhirProblemEncoding implements ProblemEncoding {

    private final FhirResources resources;
    private final OperationOutcomes outcomes;

    @Override
    public boolean encodes(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(FhirPaths.BASE) || path.startsWith(FhirPaths.BASE + "/");
    }

    @Override
    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        HttpStatusCode status = HttpStatusCode.valueOf(problem.getStatus());
        ResponseEntity<byte[]> answer = resources.answer(status, outcomes.of(status, problem),
                FhirNegotiation.preferredOrJson(request));
        response.setStatus(status.value());
        response.setContentType(String.valueOf(answer.getHeaders().getContentType()));
        byte[] body = answer.getBody() == null ? new byte[0] : answer.getBody();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
