package org.eprescription.api.fhir;

import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.Identity;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Bundle docs/fhir.md shows for {@code Task/$create} is issued as it stands. */
class FhirDocsExampleIT extends ExchangeIntegrationTest {

    @Test
    void theDocumentedBundleIsIssued() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "fhir.md"));
        int start = doc.indexOf("```json\n") + "```json\n".length();
        String example = doc.substring(start, doc.indexOf("```", start));

        FhirHttp.Answer answer = new FhirHttp(port).post("/Task/$create", example, FhirHttp.FHIR_JSON,
                Identity.prescriber("DOC-17", "HOSP-3"), Map.of());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.as(Bundle.class).getEntry()).isNotEmpty();
    }
}
