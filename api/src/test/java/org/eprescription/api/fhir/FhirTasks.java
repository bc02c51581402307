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
        FhirHttp.Answer answer = http.post("/Task/$create", bundle.bundle(), prescriber);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        Bundle created = answer.as(Bundle.class);
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
