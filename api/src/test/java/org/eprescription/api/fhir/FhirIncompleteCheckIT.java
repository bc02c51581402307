package org.eprescription.api.fhir;

import org.eprescription.api.support.Catalogues;
import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IsolatedDatabase;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.fhir.FhirBundles.all;
import static org.eprescription.api.fhir.FhirBundles.only;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * docs/fhir.md, "Task/$create": an issue whose check met a course of a drug the catalogue no longer knows answers,
 * beside no DetectedIssue about it, an OperationOutcome warning that names the drug it could not compare.
 */
class FhirIncompleteCheckIT {

    private static final String KEY = "fhir-incomplete-check-key-0123456789abcdef";
    private static final String ZOLPIDEM_BRAND = "1129009F1025";
    private static final String ZOLPIDEM_GENERIC = "1129009F1211";

    @TempDir
    Path catalogueWithoutTheBrand;

    @Test
    void anIssueBesideADelistedDrugsCourseWarnsThatItsCheckIsIncomplete() throws IOException {
        Catalogues.writeWithoutDrug(catalogueWithoutTheBrand, ZOLPIDEM_BRAND);
        String url = IsolatedDatabase.createAnother("px_fhir_delisted");
        String patient = unique("PAT");

        try (ConfigurableApplicationContext before = ExchangeNode.start(url, KEY, List.of())) {
            Bundle created = create(before, patient, ZOLPIDEM_BRAND);
            assertThat(all(created, OperationOutcome.class)).as("a complete check warns of nothing").isEmpty();
        }
        try (ConfigurableApplicationContext after = ExchangeNode.start(url, KEY,
                List.of("--exchange.catalogue.directory=" + catalogueWithoutTheBrand))) {
            Bundle created = create(after, patient, ZOLPIDEM_GENERIC);

            assertThat(all(created, DetectedIssue.class)).isEmpty();
            OperationOutcome.OperationOutcomeIssueComponent warning =
                    only(created, OperationOutcome.class).getIssueFirstRep();
            assertThat(warning.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.WARNING);
            assertThat(warning.getCode()).isEqualTo(OperationOutcome.IssueType.INCOMPLETE);
            assertThat(warning.getDetails().getCodingFirstRep().getCode()).isEqualTo("incomplete");
            assertThat(warning.getDiagnostics()).contains(ZOLPIDEM_BRAND);
        }
    }

    private static Bundle create(ConfigurableApplicationContext exchange, String patient, String drug) {
        String institution = unique("HOSP");
        Bundle sent = new IssueBundles(patient, BIRTH_DATE, "DOC-" + institution, institution)
                .line(drug, 14, 14, 0).bundle();
        FhirHttp.Answer answer = new FhirHttp(ExchangeNode.port(exchange))
                .post("/Task/$create", sent, Identity.prescriber("DOC-" + institution, institution));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.as(Bundle.class);
    }
}
