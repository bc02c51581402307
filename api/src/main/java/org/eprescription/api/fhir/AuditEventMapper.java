package org.eprescription.api.fhir;

import lombok.RequiredArgsConstructor;
import org.eprescription.api.privacy.AccessLogEntry;
import org.eprescription.core.ids.PatientId;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An entry of a patient's access log as an AuditEvent (docs/fhir.md, "AuditEvent"): a read of the patient's data
 * through the exchange's REST API, by the agent the token named, of the patient and, where the entry names one, of
 * a prescription.
 */
@Component
@RequiredArgsConstructor
class AuditEventMapper {

    private static final Coding REST = new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest",
            "RESTful Operation");
    private static final Coding READ = new Coding("http://hl7.org/fhir/restful-interaction", "read", "read");
    private static final Coding APPLICATION_SERVER = new Coding(
            "http://terminology.hl7.org/CodeSystem/audit-source-type", "4", "Application Server");
    private static final String ENTITY_TYPES = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    private static final String OBJECT_ROLES = "http://terminology.hl7.org/CodeSystem/object-role";
    /** How the entries that concern one prescription name it ("prescription <id>", "accept of prescription <id>"). */
    private static final Pattern PRESCRIPTION = Pattern.compile("\\bprescription ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}"
            + "-[0-9a-f]{4}-[0-9a-f]{12})\\b");
    /** The entries of an attempt that was refused ("failed accept (wrong birth date) of prescription <id>"). */
    private static final String FAILED = "failed ";

    private final FhirSystems systems;

    /**
     * The patient's access log as AuditEvents, in its order. Entries have no id of their own: each is named by what it
     * says, so the same answer names them the same.
     */
    List<FhirEntry> of(PatientId patient, List<AccessLogEntry> log) {
        List<FhirEntry> events = new ArrayList<>();
        Map<String, Integer> alike = new HashMap<>();
        for (AccessLogEntry entry : log) {
            String says = String.join("\n", patient.value(), entry.accessedAt().toString(), entry.accessorId(),
                    entry.role(), String.valueOf(entry.organisationId()), entry.what());
            UUID id = UUID.nameUUIDFromBytes((says + "\n" + alike.merge(says, 1, Integer::sum))
                    .getBytes(StandardCharsets.UTF_8));
            events.add(FhirEntry.byUuid(id, of(patient, entry)));
        }
        return events;
    }

    AuditEvent of(PatientId patient, AccessLogEntry entry) {
        boolean failed = entry.what().startsWith(FAILED);
        AuditEvent event = new AuditEvent()
                .setType(REST.copy())
                .setAction(AuditEvent.AuditEventAction.R)
                .setRecorded(Date.from(entry.accessedAt()))
                .setOutcome(failed ? AuditEvent.AuditEventOutcome._4 : AuditEvent.AuditEventOutcome._0);
        event.addSubtype(READ.copy());
        if (failed) {
            event.setOutcomeDesc(entry.what());
        }
        event.addAgent(reader(entry));
        organisation(entry).ifPresent(event::addAgent);
        event.getSource().setObserver(new Reference().setDisplay("prescription exchange"))
                .addType(APPLICATION_SERVER.copy());
        event.addEntity()
                .setWhat(FhirSystems.identified(systems.patientId(), patient.value()).setType("Patient"))
                .setType(new Coding(ENTITY_TYPES, "1", "Person"))
                .setRole(new Coding(OBJECT_ROLES, "1", "Patient"))
                .setDescription(entry.what());
        prescription(entry.what()).ifPresent(prescription -> event.addEntity()
                .setWhat(FhirSystems.identified(systems.prescriptionId(), prescription).setType("Task"))
                .setType(new Coding(ENTITY_TYPES, "2", "System Object"))
                .setRole(new Coding(OBJECT_ROLES, "4", "Domain Resource")));
        return event;
    }

    /** Who read: the token's subject, named as a practitioner or pharmacist where the role says which. */
    private AuditEventAgentComponent reader(AccessLogEntry entry) {
        AuditEventAgentComponent agent = new AuditEventAgentComponent().setRequestor(true)
                .setAltId(entry.accessorId());
        agent.addRole(new CodeableConcept().addCoding(new Coding(systems.role(), entry.role(), null)));
        String system = switch (entry.role()) {
            case "PRESCRIBER" -> systems.practitionerId();
            case "PHARMACIST" -> systems.pharmacistId();
            default -> null;
        };
        if (system != null) {
            agent.setWho(FhirSystems.identified(system, entry.accessorId()).setType("Practitioner"));
        }
        return agent;
    }

    /** The organisation the reader read for: a prescriber's institution, else the token's pharmacy. */
    private Optional<AuditEventAgentComponent> organisation(AccessLogEntry entry) {
        if (entry.organisationId() == null) {
            return Optional.empty();
        }
        String system = "PRESCRIBER".equals(entry.role()) ? systems.institutionId() : systems.pharmacyId();
        return Optional.of(new AuditEventAgentComponent().setRequestor(false)
                .setWho(FhirSystems.identified(system, entry.organisationId()).setType("Organization")));
    }

    static Optional<String> prescription(String what) {
        Matcher named = PRESCRIPTION.matcher(what);
        return named.find() ? Optional.of(named.group(1)) : Optional.empty();
    }
}
