package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import org.eprescription.api.input.FieldLimits;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The parameters of a search (docs/fhir.md, "Searches"): only those the search defines, besides {@code _format}. Any
 * other is refused (400) rather than ignored, so that no client reads an unfiltered answer as filtered.
 */
final class SearchParameters {

    private final HttpServletRequest request;
    private final String resource;

    private SearchParameters(HttpServletRequest request, String resource) {
        this.request = request;
        this.resource = resource;
    }

    static SearchParameters of(HttpServletRequest request, String resource, String... names) {
        Set<String> known = new HashSet<>(Arrays.asList(names));
        known.add(FhirNegotiation.FORMAT_PARAMETER);
        for (String name : request.getParameterMap().keySet()) {
            if (!known.contains(name)) {
                throw FhirRequestException.malformed(resource + " is searched by " + String.join(" and ", names)
                        + " only, not by " + name);
            }
        }
        return new SearchParameters(request, resource);
    }

    /** The one id {@code name} gives: the JSON API's, also as {@code <referenceType>/<id>}. */
    String requiredId(String name, String referenceType) {
        String value = single(name);
        if (value == null) {
            throw FhirRequestException.malformed(resource + " needs exactly one " + name + "=<id>");
        }
        String prefix = referenceType + "/";
        String id = value.startsWith(prefix) ? value.substring(prefix.length()) : value;
        if (id.isBlank() || id.length() > FieldLimits.ID) {
            throw FhirRequestException.invalid(name + " must be an id of at most " + FieldLimits.ID + " characters");
        }
        return id;
    }

    /** The codes {@code name} gives, comma separated (any of them matches); empty when it is not given. */
    List<String> optionalCodes(String name) {
        String[] values = request.getParameterValues(name);
        if (values == null) {
            return List.of();
        }
        String value = single(name);
        if (value == null) {
            throw FhirRequestException.malformed(name + " is given at most once, its codes separated by commas");
        }
        List<String> codes = Arrays.stream(value.split(",", -1)).map(String::trim).toList();
        if (codes.stream().anyMatch(String::isEmpty)) {
            throw FhirRequestException.malformed(name + " has an empty code");
        }
        return codes;
    }

    private String single(String name) {
        String[] values = request.getParameterValues(name);
        return values == null || values.length != 1 || values[0].isBlank() ? null : values[0];
    }
}
