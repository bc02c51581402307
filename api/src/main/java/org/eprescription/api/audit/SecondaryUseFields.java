package org.eprescription.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eprescription.api.audit.Pseudonyms.Kind;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What of each event type goes into the secondary-use export: a whitelist, so a field added to an event later is
 * left out until someone decides it may go out, and an event type not listed here is left out entirely.
 *
 * <p>Persons (patient, prescriber, pharmacist) become keyed pseudonyms; so do prescription and alert ids, which
 * the patient and the providers hold and could be looked up with. Names, free-text dosage and reasons, and the
 * exchange-code hash are dropped; the birth date is cut to its year. Drug codes, quantities, units, days, dates
 * and instants stay, and so do the days the exchange decided in its zone ({@code issuedOn}, {@code dispensedOn}):
 * an instant alone dates an issue at 08:30 in Tokyo on the day before. Institution and pharmacy ids stay: they name organisations, not persons, and are what
 * secondary use (prescribing and dispensing patterns by organisation) needs.
 */
final class SecondaryUseFields {

    /** Copies one field, or what may go out of it, from an event to its export. */
    interface Field {
        void copy(JsonNode event, ObjectNode export, Pseudonyms pseudonyms);
    }

    private static final List<Field> DISPENSED_ITEM = List.of(keep("lineNumber"), keep("drugCode"),
            keep("quantity"), keep("days"));

    /** A prescribed line without its free-text dosage; {@code asNeeded} decides how long its course counts. */
    private static final List<Field> PRESCRIBED_LINE = List.of(keep("lineNumber"), keep("drugCode"),
            keep("quantity"), keep("unit"), keep("days"), keep("asNeeded"));

    /** How much of each line's prescribed drug a dispensing counted as, as decided when it was dispensed. */
    private static final Field COUNTED_AS_PRESCRIBED = array("countedAsPrescribed", keep("lineNumber"),
            keep("quantity"));

    private static final Map<String, List<Field>> FIELDS = Map.ofEntries(
            Map.entry("PrescriptionIssued", List.of(
                    pseudonym("prescriptionId", Kind.PRESCRIPTION),
                    object("patient", pseudonym("id", Kind.PATIENT), birthYear("birthDate")),
                    object("prescriber", pseudonym("id", Kind.PRESCRIBER), keep("institutionId")),
                    array("lines", PRESCRIBED_LINE.toArray(Field[]::new)),
                    keep("refills"), keep("validUntil"),
                    array("acknowledgedAlerts", pseudonym("alertId", Kind.ALERT)),
                    keep("issuedAt"), keep("issuedOn"))),
            Map.entry("PrescriptionAccepted", List.of(
                    pseudonym("prescriptionId", Kind.PRESCRIPTION), keep("pharmacyId"),
                    pseudonym("pharmacistId", Kind.PHARMACIST), keep("use"), keep("acceptedAt"))),
            Map.entry("PrescriptionReleased", List.of(
                    pseudonym("prescriptionId", Kind.PRESCRIPTION), keep("pharmacyId"), keep("use"),
                    keep("releasedAt"))),
            Map.entry("PrescriptionDispensed", List.of(
                    pseudonym("prescriptionId", Kind.PRESCRIPTION), keep("pharmacyId"),
                    pseudonym("pharmacistId", Kind.PHARMACIST), keep("use"),
                    array("items", DISPENSED_ITEM.toArray(Field[]::new)), keep("completesUse"),
                    keep("dispensedAt"), keep("dispensedOn"), COUNTED_AS_PRESCRIBED)),
            Map.entry("RefillScheduled", List.of(
                    pseudonym("prescriptionId", Kind.PRESCRIPTION), keep("use"), keep("plannedDate"),
                    keep("windowOpens"), keep("windowCloses"), keep("scheduledAt"))),
            Map.entry("PrescriptionCompleted", List.of(
                    pseudonym("prescriptionId", Kind.PRESCRIPTION), keep("completedAt"))),
            Map.entry("CancellationRequested", List.of(
                    pseudonym("prescriptionId", Kind.PRESCRIPTION), keep("institutionId"),
                    pseudonym("prescriberId", Kind.PRESCRIBER), keep("holdingPharmacyId"), keep("requestedAt"))),
            Map.entry("PrescriptionCancelled", List.of(
                    pseudonym("prescriptionId", Kind.PRESCRIPTION), keep("institutionId"),
                    pseudonym("prescriberId", Kind.PRESCRIBER), keep("cancelledAt"))),
            Map.entry("PrescriptionExpired", List.of(
                    pseudonym("prescriptionId", Kind.PRESCRIPTION), keep("use"), keep("expiredAt"), keep("expiredOn"),
                    keep("deadline"))),
            Map.entry("AlertAcknowledged", List.of(
                    pseudonym("prescriptionId", Kind.PRESCRIPTION), pseudonym("alertId", Kind.ALERT),
                    actingParty("acknowledgedBy"), keep("acknowledgedAt"))),
            Map.entry("DispensingCorrected", List.of(
                    pseudonym("prescriptionId", Kind.PRESCRIPTION), keep("sequence"), keep("use"), keep("pharmacyId"),
                    pseudonym("pharmacistId", Kind.PHARMACIST), array("items", DISPENSED_ITEM.toArray(Field[]::new)),
                    keep("completesUse"), keep("correctedAt"), keep("correctedOn"), COUNTED_AS_PRESCRIBED)),
            Map.entry("DispensingWithdrawn", List.of(
                    pseudonym("prescriptionId", Kind.PRESCRIPTION), keep("sequence"), keep("use"), keep("pharmacyId"),
                    pseudonym("pharmacistId", Kind.PHARMACIST), keep("withdrawnAt"), keep("withdrawnOn"))),
            Map.entry("PrescriptionAmended", List.of(
                    pseudonym("prescriptionId", Kind.PRESCRIPTION), keep("institutionId"),
                    pseudonym("prescriberId", Kind.PRESCRIBER),
                    array("lines", PRESCRIBED_LINE.toArray(Field[]::new)),
                    keep("amendedLineNumbers"), keep("amendedAt"), keep("amendedOn"))),
            Map.entry("ConsentGiven", List.of(pseudonym("patientId", Kind.PATIENT), keep("givenAt"))),
            Map.entry("ConsentWithdrawn", List.of(pseudonym("patientId", Kind.PATIENT), keep("withdrawnAt"))));

    private SecondaryUseFields() {
    }

    /** The exportable part of an event of this simple type name; empty for a type not on the whitelist. */
    static Optional<ObjectNode> of(String type, JsonNode event, Pseudonyms pseudonyms) {
        List<Field> fields = FIELDS.get(type);
        if (fields == null) {
            return Optional.empty();
        }
        return Optional.of(copy(fields, event, pseudonyms));
    }

    private static ObjectNode copy(List<Field> fields, JsonNode event, Pseudonyms pseudonyms) {
        ObjectNode export = JsonNodeFactory.instance.objectNode();
        fields.forEach(field -> field.copy(event, export, pseudonyms));
        return export;
    }

    static Field keep(String name) {
        return (event, export, pseudonyms) -> {
            if (event.has(name)) {
                export.set(name, event.get(name));
            }
        };
    }

    static Field pseudonym(String name, Kind kind) {
        return (event, export, pseudonyms) -> {
            JsonNode value = event.get(name);
            if (value != null && !value.isNull()) {
                export.put(name, pseudonyms.of(kind, value.asText()));
            }
        };
    }

    static Field birthYear(String name) {
        return (event, export, pseudonyms) -> {
            JsonNode value = event.get(name);
            if (value != null && value.isTextual()) {
                export.put("birthYear", LocalDate.parse(value.asText()).getYear());
            }
        };
    }

    static Field object(String name, Field... fields) {
        return (event, export, pseudonyms) -> {
            JsonNode value = event.get(name);
            if (value != null && value.isObject()) {
                export.set(name, copy(List.of(fields), value, pseudonyms));
            }
        };
    }

    static Field array(String name, Field... fields) {
        return (event, export, pseudonyms) -> {
            JsonNode value = event.get(name);
            if (value != null && value.isArray()) {
                ArrayNode copies = export.putArray(name);
                value.forEach(element -> copies.add(copy(List.of(fields), element, pseudonyms)));
            }
        };
    }

    /** A {@code Party}: its person id is a prescriber or a pharmacist according to its role. */
    static Field actingParty(String name) {
        return (event, export, pseudonyms) -> {
            JsonNode party = event.get(name);
            if (party == null || !party.isObject()) {
                return;
            }
            Kind person = "PHARMACIST".equals(party.path("role").asText()) ? Kind.PHARMACIST : Kind.PRESCRIBER;
            export.set(name, copy(List.of(keep("role"), pseudonym("personId", person), keep("organisationId")),
                    party, pseudonyms));
        };
    }
}
