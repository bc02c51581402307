package org.eprescription.api.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import org.springframework.http.MediaType;

import java.util.Locale;
import java.util.Optional;

/** The two encodings the FHIR interface reads and writes. */
enum FhirFormat {

    JSON(MediaType.valueOf("application/fhir+json")),
    XML(MediaType.valueOf("application/fhir+xml"));

    private final MediaType mediaType;

    FhirFormat(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    MediaType mediaType() {
        return mediaType;
    }

    /** What FHIR's {@code _format} names: a short name or a media type. */
    static Optional<FhirFormat> ofFormatParameter(String value) {
        String format = value.trim().toLowerCase(Locale.ROOT);
        return switch (format) {
            case "json", "application/json", "application/fhir+json" -> Optional.of(JSON);
            case "xml", "text/xml", "application/xml", "application/fhir+xml" -> Optional.of(XML);
            default -> Optional.empty();
        };
    }

    /** The encoding of a concrete media type (a body's Content-Type), if it is one of ours. */
    static Optional<FhirFormat> ofMediaType(MediaType type) {
        if (type.getSubtype().equals("fhir+json") || type.getSubtype().equals("json")) {
            return Optional.of(JSON);
        }
        if (type.getSubtype().equals("fhir+xml") || type.getSubtype().equals("xml")) {
            return Optional.of(XML);
        }
        return Optional.empty();
    }

    IParser parser(FhirContext context) {
        return this == JSON ? context.newJsonParser() : context.newXmlParser();
    }
}
