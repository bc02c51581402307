package org.eprescription.api.fhir;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the tests look up in the Bundles and resources {@code /fhir} answers. */
final class FhirBundles {

    private FhirBundles() {
    }

    static String identifier(List<Identifier> identifiers, String system) {
        return identifiers.stream().filter(identifier -> system.equals(identifier.getSystem()))
                .map(Identifier::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no identifier of " + system + " in " + identifiers));
    }

    static <T extends Resource> T only(Bundle bundle, Class<T> type) {
        List<T> found = all(bundle, type);
        assertThat(found).as("%s in the bundle", type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    static <T extends Resource> List<T> all(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * The {@code type}s of a search's answer, which must be a 200 searchset Bundle whose {@code total} counts its
     * entries, each a {@code match} (docs/fhir.md, "Searches").
     */
    static <T extends Resource> List<T> searchset(FhirHttp.Answer answer, Class<T> type) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        Bundle bundle = answer.as(Bundle.class);
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(bundle.getTotal()).isEqualTo(bundle.getEntry().size());
        assertThat(bundle.getEntry()).allSatisfy(entry ->
                assertThat(entry.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.MATCH));
        return all(bundle, type);
    }

    static List<String> fullUrls(Bundle bundle, Class<? extends Resource> type) {
        return bundle.getEntry().stream().filter(entry -> type.isInstance(entry.getResource()))
                .map(Bundle.BundleEntryComponent::getFullUrl).toList();
    }
}
