package org.eprescription.api.fhir;

import org.eprescription.api.alerts.AlertCheck;
import org.eprescription.api.prescription.PrescriptionResponse;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.IssuedPrescription;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.prescription.PrescriptionView;
import org.eprescription.query.prescription.PrescriptionViewRepository;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.fhir.FhirBundles.all;
import static org.eprescription.api.fhir.FhirBundles.only;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * docs/fhir.md, "Task/$create": with alerts switched off the answer's Bundle says the check was not performed, and is
 * answered at all (the prescription is recorded; an answer that fails after that is a 503 the client cannot use).
 * The writer is driven with the answer such an exchange composes: no alerts, {@code performed: false}.
 */
class FhirAlertsSwitchedOffIT extends ExchangeIntegrationTest {

    @Autowired
    TaskBundleWriter writer;

    @Autowired
    PrescriptionViewRepository views;

    @Test
    void anIssueWithoutACheckAnswersItsTaskAndSaysTheCheckWasNotPerformed() {
        IssuedPrescription rx = issued(issue(unique("HOSP")));
        PrescriptionView view = views.load(PrescriptionId.of(rx.id())).orElseThrow();

        Bundle answered = writer.issued(new PrescriptionResponse(view, null, rx.exchangeCode(),
                AlertCheck.notPerformed()));

        assertThat(all(answered, DetectedIssue.class)).isEmpty();
        OperationOutcome notPerformed = only(answered, OperationOutcome.class);
        assertThat(notPerformed.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.WARNING);
        assertThat(notPerformed.getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
                .isEqualTo("not-performed");
    }
}
