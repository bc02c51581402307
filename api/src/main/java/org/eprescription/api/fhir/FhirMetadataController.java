package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.eprescription.api.problem.UnknownResourceException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Clock;
import java.util.Date;

/**
 * What the FHIR interface serves, said in FHIR: the CapabilityStatement ({@code GET /fhir/metadata}) and the
 * definition of each operation it lists. Both list exactly what is mapped, nothing planned.
 */
@RestController
@RequestMapping(FhirPaths.BASE)
class FhirMetadataController {

    private static final String SECURITY_SERVICES = "http://terminology.hl7.org/CodeSystem/restful-security-service";

    private final FhirResources resources;
    private final Date started;

    FhirMetadataController(FhirResources resources, Clock clock) {
        this.resources = resources;
        this.started = Date.from(clock.instant());
    }

    @GetMapping(FhirPaths.METADATA)
    ResponseEntity<byte[]> metadata(HttpServletRequest request) {
        FhirFormat format = FhirNegotiation.answerFormat(request);
        return resources.answer(HttpStatus.OK, capabilities(base()), format);
    }

    @GetMapping("/OperationDefinition/{id}")
    ResponseEntity<byte[]> operationDefinition(@PathVariable String id, HttpServletRequest request) {
        FhirFormat format = FhirNegotiation.answerFormat(request);
        TaskOperations operation = TaskOperations.byDefinitionId(id)
                .orElseThrow(() -> new UnknownResourceException("no OperationDefinition " + id));
        return resources.answer(HttpStatus.OK, operation.definition(base()), format);
    }

    private CapabilityStatement capabilities(String base) {
        CapabilityStatement statement = new CapabilityStatement()
                .setStatus(Enumerations.PublicationStatus.ACTIVE)
                .setDate(started)
                .setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE)
                .setFhirVersion(Enumerations.FHIRVersion._4_0_1)
                .setName("PrescriptionExchange")
                .setTitle("Electronic prescription exchange, FHIR R4 interface")
                .setPublisher("prescription-exchange");
        statement.getSoftware().setName("prescription-exchange");
        statement.getImplementation().setDescription("The exchange's FHIR R4 interface").setUrl(base);
        statement.addFormat("application/fhir+json").addFormat("application/fhir+xml");
        CapabilityStatementRestComponent rest = statement.addRest()
                .setMode(CapabilityStatement.RestfulCapabilityMode.SERVER)
                .setDocumentation("The prescription workflow as Task operations, after the gematik E-Rezept model; "
                        + "searches, history and alert acknowledgements are the JSON API's under /api/v1.");
        rest.getSecurity()
                .setCors(false)
                .setDescription("Every request but this statement and the operation definitions needs a bearer token"
                        + " (JWT, Authorization: Bearer ...) from the exchange's identity provider, the same tokens"
                        + " and roles as the JSON API: $create and $abort need the role PRESCRIBER (for $create a"
                        + " token bound to the institution the Bundle names), $accept, $reject, $dispense and $close"
                        + " the role PHARMACIST and a token bound to a pharmacy; a Task is read by those who may read"
                        + " the prescription.")
                .addService(new CodeableConcept().addCoding(new Coding(SECURITY_SERVICES, "OAuth", "OAuth"))
                        .setText("OAuth 2.0 bearer tokens (JWT)"));
        CapabilityStatementRestResourceComponent task = rest.addResource().setType("Task")
                .setDocumentation("A prescription's workflow (its id is the prescription id); created by $create, "
                        + "not by a plain create, and moved on only by the operations below.");
        task.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.READ)
                .setDocumentation("The Task as it stands; readable by whoever may read the prescription");
        for (TaskOperations operation : TaskOperations.values()) {
            task.addOperation().setName(operation.code()).setDefinition(base + operation.definitionPath())
                    .setDocumentation(operation.documentation());
        }
        rest.addResource().setType("OperationDefinition")
                .addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.READ);
        return statement;
    }

    private static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(FhirPaths.BASE).toUriString();
    }
}
