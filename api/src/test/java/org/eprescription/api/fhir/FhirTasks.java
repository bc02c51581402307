package org.eprescription.api.fhir;

import org.eprescription.api.support.Identity;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Task;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.fhir.FhirBundles.all;
import static org.eprescription.api.fhir.FhirBundles.identifier;
import static org.eprescription.api.fhir.FhirBundles.only;
import static org.eprescription.api.fhir.IssueBundles.SID;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.unique;

/** The Task operations as a client drives them over {@code /fhir}, every answer parsed and validated. */
final class FhirTasks {

    /** A prescription issued through {@code $create}: its Task id, the exchange code and its lines' identifiers. */
    record Created(String id, String exchangeCode, List<Identifier> lines) {

        Identifier line(int number) {
            return lines.get(number - 1);
        }
    }

    private final FhirHttp http;

    FhirTasks(int port) {
        this.http = new FhirHttp(port);
    }

    FhirHttp http() {
        return http;
    }

    Created create(IssueBundles bundle, Identity prescriber) {
        return parsed(created(bundle, prescriber));
    }

    /** The Bundle {@code $create} answers for {@code bundle}, which must be 201 Created. */
    Bundle created(IssueBundles bundle, Identity prescriber) {
        FhirHttp.Answer answer = http.post("/Task/$create", bundle.bundle(), prescriber);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.as(Bundle.class);
    }

    /** {@link #created} for one line of {@code drug} for {@code patient}, sent by a new hospital's prescriber. */
    Bundle createdByANewHospital(String patient, String drug, int quantity, int days) {
        String institution = unique("HOSP");
        return created(new IssueBundles(patient, BIRTH_DATE, "DOC-" + institution, institution)
                .line(drug, quantity, days, 0), Identity.prescriber("DOC-" + institution, institution));
    }

    /**
     * A prescription of one line of {@code drug} issued through {@code $create} by a new hospital's prescriber and
     * held through {@code $accept} by {@code pharmacist}, where the {@code $dispense} tests start.
     */
    Created heldBy(Identity pharmacist, String drug, int quantity, int days) {
        Created created = parsed(createdByANewHospital(unique("PAT"), drug, quantity, days));
        FhirHttp.Answer accepted = accept(created.exchangeCode(), BIRTH_DATE, pharmacist);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        return created;
    }

    private static Created parsed(Bundle created) {
        Task task = only(created, Task.class);
        return new Created(identifier(task.getIdentifier(), SID + "prescription-id"),
                identifier(task.getIdentifier(), SID + "exchange-code"),
                all(created, MedicationRequest.class).stream().map(MedicationRequest::getIdentifierFirstRep).toList());
    }

    FhirHttp.Answer accept(String exchangeCode, LocalDate birthDate, Identity pharmacist) {
        return http.post("/Task/$accept", TaskParameters.accept(exchangeCode, birthDate).parameters(), pharmacist);
    }

    FhirHttp.Answer operation(String id, String operation, TaskParameters parameters, Identity identity) {
        return http.post("/Task/" + id + "/$" + operation, parameters.parameters(), identity);
    }

    /** The Task read through {@code GET Task/{id}}, which must answer 200. */
    Task read(String id, Identity identity) {
        FhirHttp.Answer answer = http.get("/Task/" + id, identity, Map.of());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.as(Task.class);
    }
}
