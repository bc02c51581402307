package org.eprescription.api.fhir;

import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.fhir.IssueBundles.SID;
import static org.eprescription.api.support.Prescriptions.unique;

/** docs/fhir.md, "Task/{id}/$abort" and "GET Task/{id}": the JSON API's cancel and read. */
class FhirTaskAbortIT extends ExchangeIntegrationTest {

    private final String patient = unique("PAT");
    private final String institution = unique("HOSP");
    private final Identity prescriber = Identity.prescriber("DOC-" + institution, institution);
    private final Identity pharmacist = Identity.pharmacist(unique("PH"));

    @Test
    void abortWhileIssuedCancels() {
        FhirTasks fhir = new FhirTasks(port);
        FhirTasks.Created created = create(fhir);

        FhirHttp.Answer aborted = fhir.operation(created.id(), "abort", TaskParameters.reason("wrong patient"),
                prescriber);

        assertThat(aborted.status()).as(aborted.toString()).isEqualTo(200);
        assertThat(aborted.as(Task.class).getStatus()).isEqualTo(Task.TaskStatus.CANCELLED);
        assertThat(api().as(prescriber).get("/prescriptions/" + created.id()).text("status")).isEqualTo("CANCELLED");
        FhirHttp.Answer again = fhir.operation(created.id(), "abort", TaskParameters.reason("again"), prescriber);
        again.assertOutcome(409, IssueType.CONFLICT);
    }

    @Test
    void abortWhileHeldRequestsTheCancellationWhichTheRejectSettles() {
        FhirTasks fhir = new FhirTasks(port);
        FhirTasks.Created created = create(fhir);
        assertThat(fhir.accept(created.exchangeCode(), BIRTH_DATE, pharmacist).status()).isEqualTo(200);

        FhirHttp.Answer aborted = fhir.operation(created.id(), "abort", TaskParameters.reason("allergy"), prescriber);

        assertThat(aborted.status()).as(aborted.toString()).isEqualTo(200);
        Task requested = aborted.as(Task.class);
        assertThat(requested.getStatus()).isEqualTo(Task.TaskStatus.INPROGRESS);
        assertThat(requested.getStatusReason().getCodingFirstRep().getCode()).isEqualTo("cancellation-requested");
        Response json = api().as(prescriber).get("/prescriptions/" + created.id());
        assertThat(json.text("status")).isEqualTo("ACCEPTED");
        assertThat(json.body().path("cancellationRequested").asBoolean()).isTrue();
        assertThat(fhir.read(created.id(), pharmacist).getStatusReason().getCodingFirstRep().getCode())
                .isEqualTo("cancellation-requested");

        FhirHttp.Answer rejected = fhir.operation(created.id(), "reject", TaskParameters.reason("as asked"), pharmacist);
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        assertThat(rejected.as(Task.class).getStatus()).isEqualTo(Task.TaskStatus.CANCELLED);
    }

    @Test
    void abortNeedsAReasonAndThePrescribersInstitution() {
        FhirTasks fhir = new FhirTasks(port);
        FhirTasks.Created created = create(fhir);

        FhirHttp.Answer noReason = fhir.http().post("/Task/" + created.id() + "/$abort", "", FhirHttp.FHIR_JSON,
                prescriber, Map.of());
        assertThat(noReason.status()).as(noReason.toString()).isEqualTo(400);
        assertThat(noReason.as(OperationOutcome.class).getIssueFirstRep().getDiagnostics()).contains("reason");

        FhirHttp.Answer otherInstitution = fhir.operation(created.id(), "abort", TaskParameters.reason("mine"),
                Identity.prescriber("DOC-X", unique("HOSP")));
        assertThat(otherInstitution.status()).as(otherInstitution.toString()).isEqualTo(403);
        FhirHttp.Answer pharmacistAborts = fhir.operation(created.id(), "abort", TaskParameters.reason("no"),
                pharmacist);
        assertThat(pharmacistAborts.status()).isEqualTo(403);
        assertThat(fhir.read(created.id(), prescriber).getStatus()).isEqualTo(Task.TaskStatus.READY);
    }

    /**
     * docs/fhir.md, "Security": a Task that does not exist is 404 for every role that may call the operation, as the
     * JSON API answers it; a role that may not is 403 first.
     */
    @Test
    void anUnknownTaskIsNotFoundForEveryRoleThatMayCallTheOperation() {
        FhirTasks fhir = new FhirTasks(port);
        String unknown = UUID.randomUUID().toString();

        for (Identity reader : List.of(prescriber, pharmacist, Identity.patient(patient), Identity.auditor())) {
            fhir.http().get("/Task/" + unknown, reader, Map.of()).assertOutcome(404, IssueType.NOTFOUND);
            assertThat(api().as(reader).get("/prescriptions/" + unknown).status()).isEqualTo(404);
        }
        fhir.http().get("/Task/" + unknown, Identity.serviceDesk(), Map.of()).assertOutcome(403, IssueType.FORBIDDEN);

        fhir.operation(unknown, "abort", TaskParameters.reason("wrong patient"), prescriber)
                .assertOutcome(404, IssueType.NOTFOUND);
        fhir.operation(unknown, "abort", TaskParameters.reason("no"), pharmacist)
                .assertOutcome(403, IssueType.FORBIDDEN);
        fhir.operation(unknown, "reject", TaskParameters.reason("not here"), pharmacist)
                .assertOutcome(404, IssueType.NOTFOUND);
        fhir.operation(unknown, "reject", TaskParameters.reason("not mine"), prescriber)
                .assertOutcome(403, IssueType.FORBIDDEN);
        TaskParameters dispensing = TaskParameters.dispensing().item(new org.hl7.fhir.r4.model.Identifier()
                .setSystem(SID + "prescription-line").setValue(unknown + "/1"), AMLODIPINE_BRAND, 28, 28);
        fhir.operation(unknown, "dispense", dispensing, pharmacist).assertOutcome(404, IssueType.NOTFOUND);
        fhir.operation(unknown, "close", dispensing, pharmacist).assertOutcome(404, IssueType.NOTFOUND);
        fhir.operation(unknown, "dispense", dispensing, Identity.auditor()).assertOutcome(403, IssueType.FORBIDDEN);
    }

    @Test
    void aTaskIsReadByWhoMayReadThePrescriptionAndTheReadIsLogged() {
        FhirTasks fhir = new FhirTasks(port);
        FhirTasks.Created created = create(fhir);

        Task task = fhir.read(created.id(), Identity.patient(patient));
        assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.READY);
        assertThat(task.getFor().getIdentifier().getValue()).isEqualTo(patient);

        FhirHttp.Answer stranger = fhir.http().get("/Task/" + created.id(), Identity.pharmacist(unique("PH")), Map.of());
        stranger.assertOutcome(403, IssueType.FORBIDDEN);
        Response json = api().as(Identity.pharmacist(unique("PH"))).get("/prescriptions/" + created.id());
        assertThat(json.status()).isEqualTo(403);
        assertThat(fhir.http().get("/Task/" + created.id(), null, Map.of()).status()).isEqualTo(401);

        fhir.read(created.id(), prescriber);
        Response log = api().as(Identity.patient(patient)).get("/patients/" + patient + "/access-log");
        assertThat(log.status()).as(log.toString()).isEqualTo(200);
        assertThat(log.body().toString()).contains("prescription " + created.id()).contains(prescriber.subject());
    }

    private FhirTasks.Created create(FhirTasks fhir) {
        return fhir.create(new IssueBundles(patient, BIRTH_DATE, "DOC-" + institution, institution)
                .line(AMLODIPINE_BRAND, 28, 28, 0), prescriber);
    }
}
