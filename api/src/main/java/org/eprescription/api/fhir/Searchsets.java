package org.eprescription.api.fhir;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Clock;
import java.util.Date;
import java.util.List;

/** The searchset Bundle every search answers: {@code total}, a {@code self} link, each entry a {@code match}. */
final class Searchsets {

    /** A resource found, with the full URL it is named by in the Bundle. */
    record Match(String fullUrl, Resource resource) {
    }

    private Searchsets() {
    }

    static Bundle of(List<Match> matches, Clock clock) {
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
