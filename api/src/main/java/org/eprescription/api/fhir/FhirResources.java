package org.eprescription.api.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** Reads request bodies and writes answers with HAPI's parsers; no FHIR document is ever put together by hand. */
@Component
@RequiredArgsConstructor
class FhirResources {

    private final FhirContext context;

    /**
     * The body as a {@code type}, parsed strictly: an unknown element, a wrong type, a resource of another FHIR
     * version or another resource type is refused (400) instead of silently dropped.
     */
    <T extends IBaseResource> T read(byte[] body, String contentType, Class<T> type) {
        FhirFormat format = bodyFormat(contentType);
        IParser parser = format.parser(context).setParserErrorHandler(new StrictErrorHandler());
        try {
            return parser.parseResource(type, new String(body, StandardCharsets.UTF_8));
        } catch (DataFormatException | IllegalArgumentException | ClassCastException malformed) {
            throw FhirRequestException.malformed("the body is not a valid FHIR R4 " + type.getSimpleName() + ": "
                    + malformed.getMessage());
        }
    }

    /**
     * What {@code act} gives, answered in the encoding the request asks for ({@link FhirNegotiation}). The encoding is
     * decided before {@code act} runs, so that nothing is done for an answer the client cannot take, and an error
     * {@code act} raises is answered in it too.
     */
    ResponseEntity<byte[]> answer(HttpServletRequest request, HttpStatusCode status,
                                  Supplier<? extends IBaseResource> act) {
        FhirFormat format = FhirNegotiation.answerFormat(request);
        return answer(status, act.get(), format);
    }

    ResponseEntity<byte[]> answer(HttpStatusCode status, IBaseResource resource, FhirFormat format) {
        byte[] encoded = format.parser(context).encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.status(status)
                .contentType(new MediaType(format.mediaType(), StandardCharsets.UTF_8))
                .body(encoded);
    }

    private static FhirFormat bodyFormat(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw unsupported();
        }
        try {
            return FhirFormat.ofMediaType(MediaType.parseMediaType(contentType)).orElseThrow(FhirResources::unsupported);
        } catch (InvalidMediaTypeException malformed) {
            throw unsupported();
        }
    }

    private static FhirRequestException unsupported() {
        return new FhirRequestException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Unsupported media type", "send the body as application/fhir+json or application/fhir+xml");
    }
}
