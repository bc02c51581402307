package org.eprescription.query.alerts.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.AlertType;
import org.eprescription.core.interaction.Severity;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.Party;
import org.eprescription.query.alerts.store.AcknowledgementView;
import org.eprescription.query.alerts.store.Conflict;
import org.eprescription.query.alerts.store.StoredAlert;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A duplicate or interaction alert as docs/http-api.md shows it. {@code status} is OPEN or RESOLVED;
 * {@code ingredient} is the common ingredient (SAME_INGREDIENT), the pair (CONTRAINDICATED) or null;
 * {@code acknowledged} says whether acknowledgements cover every one of its conflicts (a conflict recorded after them
 * makes it false again). An alert a registered dispensing raised names that record ({@code dispensingRecordId},
 * {@code registeredBy}) where a prescription's names the prescription; both are left out of the JSON when null.
 */
public record AlertView(@JsonInclude(JsonInclude.Include.NON_NULL) AlertId alertId, AlertType type, Severity severity, String status,
                        PrescriptionId prescriptionId, int lineNumber, DrugCode drugCode, String ingredient,
                        String key, List<Conflict> conflicts, List<AcknowledgementView> acknowledgements,
                        boolean acknowledged, Instant raisedAt,
                        @JsonInclude(JsonInclude.Include.NON_NULL) DispensingRecordId dispensingRecordId,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Party registeredBy) {

    public static final String OPEN = StoredAlert.OPEN;
    public static final String RESOLVED = StoredAlert.RESOLVED;

    public AlertView {
        conflicts = List.copyOf(conflicts);
        acknowledgements = List.copyOf(acknowledgements);
    }

    /** An alert of a prescription (or a draft). */
    public AlertView(AlertId alertId, AlertType type, Severity severity, String status, PrescriptionId prescriptionId,
                     int lineNumber, DrugCode drugCode, String ingredient, String key, List<Conflict> conflicts,
                     List<AcknowledgementView> acknowledgements, boolean acknowledged, Instant raisedAt) {
        this(alertId, type, severity, status, prescriptionId, lineNumber, drugCode, ingredient, key, conflicts,
                acknowledgements, acknowledged, raisedAt, null, null);
    }

    /**
     * To the other side of an alert, without the patient's consent, an acknowledgement by another institution's
     * prescriber or by a pharmacy shows when it was given and which conflicts it covers, not who gave it or why: the
     * reason is free text about the patient, and the party names a provider the patient has not agreed to show
     * (docs/alerts.md, "Privacy"). The alert's own side sees them all, as it sees its own prescription.
     */
    private static List<AcknowledgementView> shownTo(List<AcknowledgementView> acknowledgements,
                                                     Set<InstitutionId> named) {
        return acknowledgements.stream()
                .map(given -> named.stream().anyMatch(institution -> given.acknowledgedBy() != null
                        && given.acknowledgedBy().actsFor(institution))
                        ? given
                        : new AcknowledgementView(given.alertId(), null, null, given.acknowledgedAt(),
                                given.conflictIds()))
                .toList();
    }

    /** As a query answers it to its own side: its prescription's institution, or its record's registering party. */
    static AlertView of(StoredAlert alert, boolean sharingAllowed) {
        return of(alert, sharingAllowed, alert.ownInstitutions(), alert.ownRecords());
    }

    /** As {@link #of(StoredAlert, boolean, Set, Set)} for a reader that registered no record. */
    static AlertView of(StoredAlert alert, boolean sharingAllowed, Set<InstitutionId> named) {
        return of(alert, sharingAllowed, named, Set.of());
    }

    /**
     * As a query answers it to a reader who belongs to the {@code named} institutions and registered the
     * {@code namedRecords}: without consent, the courses of other institutions show drug and period only, and so does
     * the alert's own side if it is not the reader's (an alert a later prescription or a record elsewhere raised
     * naming the reader's).
     */
    static AlertView of(StoredAlert alert, boolean sharingAllowed, Set<InstitutionId> named,
                        Set<DispensingRecordId> namedRecords) {
        boolean ownSideNamed = sharingAllowed
                || (alert.institutionId() != null && named.contains(alert.institutionId()))
                || (alert.dispensingRecordId() != null && namedRecords.contains(alert.dispensingRecordId()));
        List<Conflict> identified = alert.conflicts().stream()
                .map(conflict -> conflict.identified(alert.alertId(), alert.acknowledgements().stream()
                        .anyMatch(acknowledgement -> acknowledgement.covers(conflict))))
                .toList();
        boolean everyConflictAcknowledged = !alert.acknowledgements().isEmpty()
                && identified.stream().allMatch(Conflict::acknowledged);
        return new AlertView(alert.alertId(), alert.type(), alert.severity(), alert.status(),
                ownSideNamed ? alert.prescriptionId() : null, alert.lineNumber(), alert.drugCode(), alert.ingredient(),
                alert.key(), ConsentMasking.mask(identified, named, namedRecords, sharingAllowed),
                ownSideNamed ? alert.acknowledgements() : shownTo(alert.acknowledgements(), named),
                everyConflictAcknowledged, alert.raisedAt(),
                ownSideNamed ? alert.dispensingRecordId() : null, ownSideNamed ? alert.registeredBy() : null);
    }
}
