package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.eprescription.core.ids.PatientId;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.function.Function;

/**
 * How every search answers (docs/fhir.md, "Searches"): the encoding decided first, then the parameters read (one the
 * search does not define is 400), then what the search finds, as a searchset Bundle: {@code total}, a {@code self}
 * link, each entry a {@code match}.
 */
@Component
@RequiredArgsConstructor
class Searchsets {

    /** A patient's resources are searched by the patient: the patient's id, the JSON API's, or Patient/<id>. */
    static final String PATIENT = "patient";
    /** A pharmacy's queue of Tasks is searched by the pharmacy that owns them, narrowed by their status. */
    static final String OWNER = "owner";
    static final String STATUS = "status";
    /** A prescription's MedicationDispenses are searched by the prescription, its id or Task/<id>. */
    static final String PRESCRIPTION = "prescription";

    private final FhirResources resources;
    private final Clock clock;

    /** A search of {@code resource} by the parameters {@code names} (and {@code _format}), answered 200. */
    ResponseEntity<byte[]> answer(HttpServletRequest request, String resource, List<String> names,
                                  Function<SearchParameters, List<FhirEntry>> search) {
        return resources.answer(request, HttpStatus.OK, () -> bundle(search.apply(
                SearchParameters.of(request, resource, names.toArray(String[]::new)))));
    }

    /**
     * A search of {@code resource} by one reference alone, the parameter {@code name}: the id of what it refers to,
     * the JSON API's, also as {@code <referenceType>/<id>}.
     */
    ResponseEntity<byte[]> byReference(HttpServletRequest request, String resource, String name,
                                       String referenceType, Function<String, List<FhirEntry>> search) {
        return answer(request, resource, List.of(name),
                parameters -> search.apply(parameters.requiredId(name, referenceType)));
    }

    /**
     * What a search found, and why it is not all (null: it is), which the Bundle then says instead of a total; what it
     * includes besides the matches ({@code search.mode} {@code include}), and a warning about what it includes (null:
     * none), which leaves the total as it is.
     */
    record Matches(List<FhirEntry> entries, String incompleteBecause, List<FhirEntry> included, String warning) {

        Matches(List<FhirEntry> entries, String incompleteBecause) {
            this(entries, incompleteBecause, List.of(), null);
        }
    }

    /** As {@link #answer}, for a search that may not find all, or includes more than its matches. */
    ResponseEntity<byte[]> answerPartly(HttpServletRequest request, String resource, List<String> names,
                                        Function<SearchParameters, Matches> search) {
        return resources.answer(request, HttpStatus.OK, () -> bundle(search.apply(
                SearchParameters.of(request, resource, names.toArray(String[]::new)))));
    }

    /** As {@link #byPatient}, for a search that may stop before the last match. */
    ResponseEntity<byte[]> byPatientPartly(HttpServletRequest request, String resource,
                                           Function<PatientId, Matches> search) {
        return resources.answer(request, HttpStatus.OK, () -> bundle(search.apply(PatientId.of(
                SearchParameters.of(request, resource, PATIENT).requiredId(PATIENT, "Patient")))));
    }

    /** A search of a patient's {@code resource} by {@link #PATIENT} alone. */
    ResponseEntity<byte[]> byPatient(HttpServletRequest request, String resource,
                                     Function<PatientId, List<FhirEntry>> search) {
        return byReference(request, resource, PATIENT, "Patient", id -> search.apply(PatientId.of(id)));
    }

    private Bundle bundle(List<FhirEntry> matches) {
        return bundle(new Matches(matches, null));
    }

    /** A searchset: its total where it holds every match; else no total, and an OperationOutcome saying why. */
    private Bundle bundle(Matches found) {
        List<FhirEntry> matches = found.entries();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        if (found.incompleteBecause() == null) {
            bundle.setTotal(matches.size());
        } else {
            addWarning(bundle, found.incompleteBecause());
        }
        if (found.warning() != null) {
            addWarning(bundle, found.warning());
        }
        bundle.setTimestamp(Date.from(clock.instant()));
        bundle.addLink().setRelation("self").setUrl(ServletUriComponentsBuilder.fromCurrentRequest().toUriString());
        for (FhirEntry match : matches) {
            bundle.addEntry().setFullUrl(match.fullUrl()).setResource(match.resource())
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        for (FhirEntry included : found.included()) {
            bundle.addEntry().setFullUrl(included.fullUrl()).setResource(included.resource())
                    .getSearch().setMode(Bundle.SearchEntryMode.INCLUDE);
        }
        return bundle;
    }

    /** An OperationOutcome entry ({@code search.mode} {@code outcome}): a warning of type {@code incomplete}. */
    private static void addWarning(Bundle bundle, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.WARNING)
                .setCode(OperationOutcome.IssueType.INCOMPLETE).setDiagnostics(diagnostics);
        bundle.addEntry().setFullUrl("urn:uuid:" + java.util.UUID.nameUUIDFromBytes(
                        diagnostics.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .setResource(outcome).getSearch().setMode(Bundle.SearchEntryMode.OUTCOME);
    }
}
