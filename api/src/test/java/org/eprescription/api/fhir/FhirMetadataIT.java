package org.eprescription.api.fhir;

import org.eprescription.api.support.ExchangeIntegrationTest;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.fhir.FhirHttp.FHIR_JSON;
import static org.eprescription.api.fhir.FhirHttp.FHIR_XML;

/** docs/fhir.md, "What is served": the CapabilityStatement lists exactly that, and how to authenticate. */
class FhirMetadataIT extends ExchangeIntegrationTest {

    @Test
    void theCapabilityStatementListsTheTaskOperationsAndBearerTokens() {
        FhirHttp.Answer answer = new FhirHttp(port).get("/metadata", null, Map.of());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith(FHIR_JSON);
        CapabilityStatement statement = answer.as(CapabilityStatement.class);
        assertThat(statement.getFhirVersion()).isEqualTo(Enumerations.FHIRVersion._4_0_1);
        assertThat(statement.getFormat()).extracting(format -> format.getValue())
                .containsExactly(FHIR_JSON, FHIR_XML);
        CapabilityStatementRestComponent rest = statement.getRestFirstRep();
        assertThat(rest.getSecurity().getServiceFirstRep().getCodingFirstRep().getCode()).isEqualTo("OAuth");
        assertThat(rest.getSecurity().getDescription()).contains("bearer token");
        assertThat(rest.getResource()).extracting(CapabilityStatementRestResourceComponent::getType)
                .containsExactly("Task", "DetectedIssue", "MedicationRequest", "MedicationDispense", "AuditEvent",
                        "OperationDefinition");
        CapabilityStatementRestResourceComponent task = rest.getResource().get(0);
        assertThat(task.getInteraction()).extracting(interaction -> interaction.getCode().toCode())
                .containsExactly("read", "history-instance", "vread", "search-type");
        assertThat(task.getSearchParam()).extracting(parameter -> parameter.getName() + " "
                + parameter.getType().toCode()).containsExactly("owner reference", "status token");
        assertThat(rest.getResource().get(2).getSearchParam()).extracting(parameter -> parameter.getName() + " "
                + parameter.getType().toCode()).containsExactly("patient reference");
        assertThat(rest.getResource().get(3).getSearchParam()).extracting(parameter -> parameter.getName() + " "
                + parameter.getType().toCode()).containsExactly("prescription reference");
        assertThat(rest.getResource().get(4).getSearchParam()).extracting(parameter -> parameter.getName() + " "
                + parameter.getType().toCode()).containsExactly("patient reference");
        assertThat(rest.getResource().subList(1, 5)).allSatisfy(resource -> assertThat(resource.getInteraction())
                .extracting(interaction -> interaction.getCode().toCode()).containsExactly("search-type"));
        CapabilityStatementRestResourceComponent issues = rest.getResource().get(1);
        assertThat(issues.getInteraction()).extracting(interaction -> interaction.getCode().toCode())
                .containsExactly("search-type");
        assertThat(issues.getSearchParam()).extracting(parameter -> parameter.getName() + " "
                + parameter.getType().toCode()).containsExactly("patient reference");
        assertThat(task.getOperation()).extracting(operation -> operation.getName())
                .containsExactly("create", "accept", "reject", "dispense", "close", "abort");
        assertThat(task.getOperation()).allSatisfy(operation -> assertThat(operation.getDefinition())
                .endsWith("/fhir/OperationDefinition/Task-" + operation.getName()));
    }

    @Test
    void everyOperationDefinitionItNamesIsServedAndNoOther() {
        FhirHttp http = new FhirHttp(port);
        CapabilityStatementRestResourceComponent task = http.get("/metadata", null, Map.of())
                .as(CapabilityStatement.class).getRestFirstRep().getResource().get(0);

        for (CapabilityStatement.CapabilityStatementRestResourceOperationComponent named : task.getOperation()) {
            String definition = named.getDefinition();
            FhirHttp.Answer answer = http.get(definition.substring(definition.indexOf("/fhir/") + "/fhir".length()),
                    null, Map.of());

            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            OperationDefinition operation = answer.as(OperationDefinition.class);
            assertThat(operation.getUrl()).isEqualTo(definition);
            assertThat(operation.getCode()).isEqualTo(named.getName());
            assertThat(operation.getInstance()).isEqualTo(!List.of("create", "accept").contains(named.getName()));
            assertThat(operation.getResource()).extracting(code -> code.getValue()).containsExactly("Task");
        }
        FhirHttp.Answer unknown = http.get("/OperationDefinition/Task-history", null, Map.of());
        unknown.assertOutcome(404, OperationOutcome.IssueType.NOTFOUND);
    }

    @Test
    void theOpenApiDocumentLeavesTheFhirInterfaceToItsCapabilityStatement() {
        assertThat(api().getOutsideApi("/v3/api-docs").text()).contains("/api/v1/prescriptions").doesNotContain("/fhir");
    }

    @Test
    void formatChoosesXmlOverAcceptAndAnUnknownFormatIs406() {
        FhirHttp http = new FhirHttp(port);

        FhirHttp.Answer byFormat = http.get("/metadata?_format=xml", null, Map.of("Accept", FHIR_JSON));
        assertThat(byFormat.contentType()).startsWith(FHIR_XML);
        byFormat.as(CapabilityStatement.class);

        FhirHttp.Answer byAccept = http.get("/metadata", null, Map.of("Accept", FHIR_XML));
        assertThat(byAccept.contentType()).startsWith(FHIR_XML);

        FhirHttp.Answer unknown = http.get("/metadata?_format=turtle", null, Map.of());
        assertThat(unknown.status()).isEqualTo(406);
        assertThat(unknown.contentType()).startsWith(FHIR_JSON);
    }
}
