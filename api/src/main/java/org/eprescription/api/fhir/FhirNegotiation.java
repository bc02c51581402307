package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Optional;

/**
 * Which encoding a FHIR request is answered in: {@code _format} if given, else the first of the Accept header's
 * types (by quality) that is JSON or XML, else JSON. Decided before anything is done, so a command never runs for an
 * answer the client cannot take.
 */
final class FhirNegotiation {

    static final String FORMAT_PARAMETER = "_format";
    private static final String ATTRIBUTE = FhirNegotiation.class.getName() + ".format";

    private FhirNegotiation() {
    }

    /** The answer's encoding, remembered on the request so that an error is answered in it too. */
    static FhirFormat answerFormat(HttpServletRequest request) {
        FhirFormat format = decide(request);
        request.setAttribute(ATTRIBUTE, format);
        return format;
    }

    /** The encoding decided for this request, or JSON where none could be (the client's choice was the error). */
    static FhirFormat decidedOrJson(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof FhirFormat format ? format : FhirFormat.JSON;
    }

    /** The encoding the request asks for, or JSON where it asks for none we have (to say a problem anyway). */
    static FhirFormat preferredOrJson(HttpServletRequest request) {
        try {
            return decide(request);
        } catch (FhirRequestException unanswerable) {
            return FhirFormat.JSON;
        }
    }

    private static FhirFormat decide(HttpServletRequest request) {
        String parameter = request.getParameter(FORMAT_PARAMETER);
        if (parameter != null && !parameter.isBlank()) {
            return FhirFormat.ofFormatParameter(parameter).orElseThrow(() -> new FhirRequestException(
                    HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable",
                    "_format must be json, xml, application/fhir+json or application/fhir+xml"));
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return FhirFormat.JSON;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException malformed) {
            throw FhirRequestException.malformed("the Accept header is not a list of media types");
        }
        MediaType.sortByQualityValue(accepted);
        for (MediaType wanted : accepted) {
            if (wanted.getQualityValue() == 0) {
                continue;
            }
            if (wanted.isWildcardType() || wanted.isWildcardSubtype() && wanted.getType().equals("application")) {
                return FhirFormat.JSON;
            }
            Optional<FhirFormat> format = FhirFormat.ofMediaType(wanted);
            if (format.isPresent()) {
                return format.get();
            }
        }
        throw new FhirRequestException(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable",
                "the FHIR interface answers in application/fhir+json or application/fhir+xml");
    }
}
