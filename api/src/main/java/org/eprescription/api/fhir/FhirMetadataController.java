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

import java.time.Clock;
import java.util.Date;

/**
 * What the FHIR interface serves, said in FHIR: the CapabilityStatement ({@code GET /fhir/metadata}) and the
 * definition of each operation it lists. Both list exactly what is mapped, nothing planned.
 */
@RestController
@RequestMapping(FhirPaths.BASE)
class FhirMetadataController {

    private static final String SEARCH_PARAMETERS = "http://hl7.org/fhir/SearchParameter/";
    private static final String PATIENT_ID = "Required: the patient's id (the JSON API's), also as Patient/<id>";
    private static final String SECURITY_SERVICES = "http://terminology.hl7.org/CodeSystem/restful-security-service";

    private final FhirResources resources;
    private final Date started;

    FhirMetadataController(FhirResources resources, Clock clock) {
        this.resources = resources;
        this.started = Date.from(clock.instant());
    }

    @GetMapping(FhirPaths.METADATA)
    ResponseEntity<byte[]> metadata(HttpServletRequest request) {
        return resources.answer(request, HttpStatus.OK, () -> capabilities(FhirPaths.baseUrl()));
    }

    @GetMapping("/OperationDefinition/{id}")
    ResponseEntity<byte[]> operationDefinition(@PathVariable String id, HttpServletRequest request) {
        return resources.answer(request, HttpStatus.OK, () -> TaskOperation.byDefinitionId(id)
                .orElseThrow(() -> new UnknownResourceException("no OperationDefinition " + id))
                .definition(FhirPaths.baseUrl()));
    }

    /** A resource served only by a search on one required reference parameter. */
    private static void searchOnly(CapabilityStatementRestComponent rest, String type, String documentation,
                                   String parameter, String definition, String parameterDocumentation) {
        CapabilityStatementRestResourceComponent resource = rest.addResource().setType(type)
                .setDocumentation(documentation);
        resource.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE);
        searchParameter(resource, parameter, definition, Enumerations.SearchParamType.REFERENCE,
                parameterDocumentation);
    }

    private static void searchParameter(CapabilityStatementRestResourceComponent resource, String name,
                                        String definition, Enumerations.SearchParamType type, String documentation) {
        resource.addSearchParam().setName(name).setDefinition(SEARCH_PARAMETERS + definition).setType(type)
                .setDocumentation(documentation);
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
                .setDocumentation("The prescription workflow as Task operations, after the gematik E-Rezept model, "
                        + "a Task's history from its events, a pharmacy's queue of Tasks, a patient's MedicationRequests "
                        + "and alerts as DetectedIssues, a prescription's MedicationDispenses, a patient's access log as "
                        + "AuditEvents; other searches and alert acknowledgements are the JSON API's under /api/v1. The "
                        + "duplicate check is also served as CDS Hooks (/cds-services).");
        rest.getSecurity()
                .setCors(false)
                .setDescription("Every request but this statement and the operation definitions needs a bearer token"
                        + " (JWT, Authorization: Bearer ...) from the exchange's identity provider, the same tokens"
                        + " and roles as the JSON API: $create and $abort need the role PRESCRIBER (for $create a"
                        + " token bound to the institution the Bundle names), $accept, $reject, $dispense and $close"
                        + " the role PHARMACIST and a token bound to a pharmacy; a Task is read by those who may read"
                        + " the prescription, its history by auditors, a patient's DetectedIssues by those who may"
                        + " read the patient's alerts, a pharmacy's queue by its pharmacists and auditors, a patient's"
                        + " MedicationRequests by the patient and auditors, a prescription's MedicationDispenses by"
                        + " those who may read the prescription, a patient's AuditEvents by the patient and auditors.")
                .addService(new CodeableConcept().addCoding(new Coding(SECURITY_SERVICES, "OAuth", "OAuth"))
                        .setText("OAuth 2.0 bearer tokens (JWT)"));
        CapabilityStatementRestResourceComponent task = rest.addResource().setType("Task")
                .setDocumentation("A prescription's workflow (its id is the prescription id); created by $create, "
                        + "not by a plain create, and moved on only by the operations below.");
        task.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.READ)
                .setDocumentation("The Task as it stands; readable by whoever may read the prescription");
        task.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.HISTORYINSTANCE)
                .setDocumentation("One version per event of the prescription (versionId the event's sequence "
                        + "number), the Task as it stood after it; for auditors");
        task.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.VREAD)
                .setDocumentation("A Bundle of the Task and its MedicationRequests as they stood after the event "
                        + "of that sequence number; for auditors");
        task.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE)
                .setDocumentation("A pharmacy's queue: the Tasks of GET /api/v1/pharmacies/{id}/dispensing-view "
                        + "(what it holds, what it dispensed today), their open alerts included as DetectedIssues; "
                        + "for its pharmacists and auditors");
        searchParameter(task, Searchsets.OWNER, "Task-owner", Enumerations.SearchParamType.REFERENCE,
                "Required: the pharmacy's id (the JSON API's), also as Organization/<id>");
        searchParameter(task, Searchsets.STATUS, "Task-status", Enumerations.SearchParamType.TOKEN,
                "Optional: Task status codes, comma separated (any of them)");
        task.setVersioning(CapabilityStatement.ResourceVersionPolicy.VERSIONED);
        for (TaskOperation operation : TaskOperation.ALL) {
            task.addOperation().setName(operation.code()).setDefinition(base + operation.definitionPath())
                    .setDocumentation(operation.documentation());
        }
        searchOnly(rest, "DetectedIssue", "A patient's duplicate and interaction alerts, as GET "
                + "/api/v1/patients/{id}/alerts shows them to the caller", Searchsets.PATIENT,
                "clinical-patient", PATIENT_ID);
        searchOnly(rest, "MedicationRequest", "A patient's prescriptions' lines, as GET "
                + "/api/v1/patients/{id}/prescriptions lists them; for the patient and auditors",
                Searchsets.PATIENT, "clinical-patient", PATIENT_ID);
        searchOnly(rest, "MedicationDispense", "A prescription's dispensings, one per item, as GET "
                + "/api/v1/prescriptions/{id} shows them; for whoever may read the prescription",
                Searchsets.PRESCRIPTION, "MedicationDispense-prescription",
                "Required: the prescription's id (the JSON API's prescriptionId, the Task's id), also as Task/<id>");
        searchOnly(rest, "AuditEvent", "A patient's access log, who read the patient's data, newest first, as GET "
                + "/api/v1/patients/{id}/access-log lists it; for the patient and auditors",
                Searchsets.PATIENT, "AuditEvent-patient", PATIENT_ID);
        rest.addResource().setType("OperationDefinition")
                .addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.READ);
        return statement;
    }
}
