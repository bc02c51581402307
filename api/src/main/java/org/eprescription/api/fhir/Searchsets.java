package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.eprescription.core.ids.PatientId;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * How every search answers (docs/fhir.md, "Searches"): the encoding decided first, then the parameters read (one the
 * search does not define is 400), then what the search finds, as a searchset Bundle: {@code total}, a {@code self}
 * link, each entry a {@code match}.
 */
@Component
@RequiredArgsConstructor
class Searchsets {

    /** The parameter a patient's resources are searched by: the patient's id, the JSON API's, or Patient/<id>. */
    static final String PATIENT = "patient";

    private final FhirResources resources;
    private final Clock clock;

    /** A resource found, with the full URL it is named by in the Bundle. */
    record Match(String fullUrl, Resource resource) {

        /** {@code resource}, given the id {@code id} and named by it as a {@code urn:uuid}. */
        static Match byUuid(UUID id, Resource resource) {
            resource.setId(id.toString());
            return new Match("urn:uuid:" + id, resource);
        }
    }

    /** A search of {@code resource} by the parameters {@code names} (and {@code _format}), answered 200. */
    ResponseEntity<byte[]> answer(HttpServletRequest request, String resource, List<String> names,
                                  Function<SearchParameters, List<Match>> search) {
        return resources.answer(request, HttpStatus.OK, () -> bundle(search.apply(
                SearchParameters.of(request, resource, names.toArray(String[]::new)))));
    }

    /** A search of a patient's {@code resource} by {@link #PATIENT} alone. */
    ResponseEntity<byte[]> byPatient(HttpServletRequest request, String resource,
                                     Function<PatientId, List<Match>> search) {
        return answer(request, resource, List.of(PATIENT),
                parameters -> search.apply(PatientId.of(parameters.requiredId(PATIENT, "Patient"))));
    }

    private Bundle bundle(List<Match> matches) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(matches.size());
        bundle.setTimestamp(Date.from(clock.instant()));
        bundle.addLink().setRelation("self").setUrl(ServletUriComponentsBuilder.fromCurrentRequest().toUriString());
        for (Match match : matches) {
            bundle.addEntry().setFullUrl(match.fullUrl()).setResource(match.resource())
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        return bundle;
    }
}
