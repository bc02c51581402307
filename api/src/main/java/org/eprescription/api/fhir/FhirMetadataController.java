package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationDefinition.OperationParameterUse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
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

    static final String TASK_CREATE_DEFINITION = "/OperationDefinition/Task-create";
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

    @GetMapping(TASK_CREATE_DEFINITION)
    ResponseEntity<byte[]> taskCreate(HttpServletRequest request) {
        FhirFormat format = FhirNegotiation.answerFormat(request);
        return resources.answer(HttpStatus.OK, taskCreateDefinition(base()), format);
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
                .setDocumentation("Issues prescriptions as Task/$create; the JSON API under /api/v1 does the rest.");
        rest.getSecurity()
                .setCors(false)
                .setDescription("Every request but this statement and the operation definitions needs a bearer token"
                        + " (JWT, Authorization: Bearer ...) from the exchange's identity provider, the same tokens"
                        + " and roles as the JSON API: Task/$create needs the role PRESCRIBER and a token bound to"
                        + " the institution the Bundle names.")
                .addService(new CodeableConcept().addCoding(new Coding(SECURITY_SERVICES, "OAuth", "OAuth"))
                        .setText("OAuth 2.0 bearer tokens (JWT)"));
        CapabilityStatementRestResourceComponent task = rest.addResource().setType("Task")
                .setDocumentation("A prescription's workflow; created by $create, not by a plain create.");
        task.addOperation().setName("create").setDefinition(base + TASK_CREATE_DEFINITION)
                .setDocumentation("Issue a prescription from a Bundle of Patient, Practitioner, Organization and one "
                        + "MedicationRequest per line; answers 201 with the Task, the MedicationRequests and a "
                        + "DetectedIssue per alert.");
        rest.addResource().setType("OperationDefinition")
                .addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.READ);
        return statement;
    }

    private OperationDefinition taskCreateDefinition(String base) {
        OperationDefinition definition = new OperationDefinition()
                .setUrl(base + TASK_CREATE_DEFINITION)
                .setName("TaskCreate")
                .setTitle("Issue a prescription")
                .setStatus(Enumerations.PublicationStatus.ACTIVE)
                .setKind(OperationDefinition.OperationKind.OPERATION)
                .setCode("create")
                .setAffectsState(true)
                .setSystem(false)
                .setType(true)
                .setInstance(false)
                .setDescription("Issues a prescription. In: a Bundle holding the Patient (an identifier of system "
                        + "patient-id, birthDate), the Practitioner (practitioner-id) and the Organization "
                        + "(institution-id) who prescribe, and one MedicationRequest per line (the drug as a YJ code, "
                        + "dispenseRequest.quantity, expectedSupplyDuration in days, numberOfRepeatsAllowed, "
                        + "validityPeriod, dosageInstruction.text, optionally asNeededBoolean). Out: a Bundle of the "
                        + "Task (status ready, identifiers prescription-id and exchange-code), the MedicationRequests "
                        + "and one DetectedIssue per alert.");
        definition.addResource("Task");
        definition.setId("Task-create");
        definition.addParameter().setName("bundle").setUse(OperationParameterUse.IN).setMin(1).setMax("1")
                .setType("Bundle").setDocumentation("The prescription to issue");
        definition.addParameter().setName("return").setUse(OperationParameterUse.OUT).setMin(1).setMax("1")
                .setType("Bundle").setDocumentation("The Task, the MedicationRequests and the DetectedIssues");
        return definition;
    }

    private static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(FhirPaths.BASE).toUriString();
    }
}
