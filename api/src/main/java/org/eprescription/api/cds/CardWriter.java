package org.eprescription.api.cds;

import lombok.RequiredArgsConstructor;
import org.eprescription.api.fhir.FhirSystems;
import org.eprescription.core.catalogue.Drug;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.interaction.AlertType;
import org.eprescription.query.alerts.query.AlertView;
import org.eprescription.query.alerts.query.DraftAlerts;
import org.eprescription.query.alerts.store.Conflict;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * An alert of the draft check as a CDS Hooks card (docs/fhir.md, "CDS Hooks"): {@code critical} for a contraindicated
 * pair, {@code warning} for a duplicate. It says what the alert says and nothing more: where the check masked the
 * patient's other courses (no care relationship, no consent) the card names none of them.
 */
@Component
@RequiredArgsConstructor
class CardWriter {

    static final String SOURCE = "Prescription exchange: duplicate and interaction check";
    private static final int SUMMARY_LIMIT = 139;

    private final DrugCatalogue catalogue;
    private final FhirSystems systems;

    /**
     * @param hookInstance the call's, so that the same alert in another call is another card
     * @param ordinal      the alert's place in the answer: the card's identity when the caller may not learn the
     *                     alert's id (no care relationship, no consent), since an id would name the patient's drug
     */
    CdsCards.Card card(AlertView alert, String hookInstance, int ordinal) {
        boolean contraindicated = alert.type() == AlertType.CONTRAINDICATED;
        String identity = alert.alertId() != null ? alert.alertId().value() : "alert " + ordinal;
        String uuid = UUID.nameUUIDFromBytes((hookInstance + "/" + identity).getBytes(StandardCharsets.UTF_8))
                .toString();
        return new CdsCards.Card(uuid, summary(alert, contraindicated), detail(alert),
                contraindicated ? "critical" : "warning", new CdsCards.Source(SOURCE), overrideReasons());
    }

    private String summary(AlertView alert, boolean contraindicated) {
        String what = contraindicated ? "Contraindicated combination" : "Duplicate therapy";
        String subject = alert.ingredient() == null ? "" : " (" + alert.ingredient() + ")";
        String summary = what + subject + ": draft line " + alert.lineNumber() + ", " + name(alert.drugCode());
        return summary.length() <= SUMMARY_LIMIT ? summary : summary.substring(0, SUMMARY_LIMIT - 1) + "…";
    }

    private String detail(AlertView alert) {
        StringBuilder detail = new StringBuilder("Draft line ").append(alert.lineNumber()).append(", ")
                .append(name(alert.drugCode())).append(" (YJ ").append(alert.drugCode().value()).append("), ")
                .append(alert.type() == AlertType.CONTRAINDICATED ? "is contraindicated with"
                        : "duplicates").append(alert.conflicts().isEmpty()
                        || !alert.conflicts().stream().allMatch(conflict -> ofThisDraft(alert, conflict))
                        ? " the patient's current medication" : " another line of this draft");
        if (alert.conflicts().isEmpty()) {
            return detail.append(". The patient's medication is not shown: you have no care relationship with the"
                    + " patient, and the patient has not consented to share it.").toString();
        }
        detail.append(":\n");
        for (Conflict conflict : alert.conflicts()) {
            if (ofThisDraft(alert, conflict)) {
                detail.append("\n- draft line ").append(conflict.lineNumber()).append(", ")
                        .append(name(conflict.drugCode())).append(" (YJ ").append(conflict.drugCode().value())
                        .append(")");
                continue;
            }
            detail.append("\n- ").append(name(conflict.drugCode())).append(" (YJ ")
                    .append(conflict.drugCode().value()).append("), ").append(conflict.from()).append(" to ")
                    .append(conflict.to());
            if (conflict.prescriptionId() != null) {
                detail.append(", prescription ").append(conflict.prescriptionId());
            }
            if (conflict.institutionId() != null) {
                detail.append(", institution ").append(conflict.institutionId().value());
            }
            if (conflict.dispensingRecordId() != null) {
                detail.append(", dispensing record ").append(conflict.dispensingRecordId());
            }
        }
        return detail.toString();
    }

    /** A clash with another line of the draft: the check names the draft's own lines by the draft's id. */
    private static boolean ofThisDraft(AlertView alert, Conflict conflict) {
        return conflict.prescriptionId() != null && conflict.prescriptionId().equals(alert.prescriptionId());
    }

    /**
     * The draft check could not compare every course (docs/alerts.md, "Drugs the catalogue does not know", "After
     * alerts were switched off"): a {@code warning} that no card about those courses does not mean they do not
     * conflict, naming the drugs and counting the unchecked prescriptions and records only to a caller who may see the
     * patient's medication.
     */
    CdsCards.Card incompleteCheck(DraftAlerts check, String hookInstance) {
        String uuid = UUID.nameUUIDFromBytes((hookInstance + "/incomplete-check")
                .getBytes(StandardCharsets.UTF_8)).toString();
        boolean unknown = !check.unknownDrugCodes().isEmpty();
        boolean unchecked = !check.unchecked().isEmpty();
        if (!unknown && !unchecked) {
            return new CdsCards.Card(uuid, "Interaction check incomplete: the patient has medication it could not"
                    + " compare", "The patient has medication the exchange could not compare with the draft: a drug"
                    + " not in the exchange's catalogue, or medication issued or dispensed while the exchange's check"
                    + " was switched off. It is not shown: you have no care relationship with the patient, and the"
                    + " patient has not consented to share it. No card about it does not mean there is no conflict:"
                    + " check the patient's medication by hand.", "warning", new CdsCards.Source(SOURCE), List.of());
        }
        StringBuilder detail = new StringBuilder();
        if (unknown) {
            detail.append("The patient has courses the exchange could not compare with the draft: their drugs are not"
                    + " in the exchange's catalogue (YJ ").append(check.unknownDrugCodes().stream()
                    .map(DrugCode::value).collect(Collectors.joining(", "))).append("). ");
        }
        if (unchecked) {
            detail.append("The exchange has not checked the medication of ")
                    .append(count(check.unchecked().prescriptions().size(), "prescription"))
                    .append(check.unchecked().prescriptions().isEmpty()
                            || check.unchecked().dispensingRecords().isEmpty() ? "" : " and ")
                    .append(count(check.unchecked().dispensingRecords().size(), "registered dispensing"))
                    .append(" of the patient: issued or dispensed while its interaction check was switched off, it"
                            + " is not in the record the check compares with, so the draft was not compared with it. ");
        }
        detail.append("Check them by hand.");
        String summary = unchecked
                ? "Interaction check incomplete: medication recorded while the check was switched off"
                : "Interaction check incomplete: a drug the catalogue does not know";
        return new CdsCards.Card(uuid, summary, detail.toString(), "warning", new CdsCards.Source(SOURCE),
                List.of());
    }

    private static String count(int count, String what) {
        return count == 0 ? "" : count + " " + what + (count == 1 ? "" : "s");
    }

    /** Orders still being written were left out of the check: no card about them does not mean no conflict. */
    CdsCards.Card ordersNotChecked(List<String> notChecked, String hookInstance) {
        String uuid = UUID.nameUUIDFromBytes((hookInstance + "/orders-not-checked")
                .getBytes(StandardCharsets.UTF_8)).toString();
        return new CdsCards.Card(uuid, "Not checked yet: " + notChecked.size() + " draft order(s) not complete",
                "The exchange checks an order once it has a YJ-coded drug and a supply duration. Not checked: "
                        + String.join("; ", notChecked) + ".",
                "warning", new CdsCards.Source(SOURCE), List.of());
    }

    /** The exchange runs without its check ({@code exchange.alerts.enabled=false}): no card does not mean no conflict. */
    CdsCards.Card checkSwitchedOff(String hookInstance) {
        String uuid = UUID.nameUUIDFromBytes((hookInstance + "/check-switched-off")
                .getBytes(StandardCharsets.UTF_8)).toString();
        return new CdsCards.Card(uuid, "Interaction check not performed: switched off on this exchange",
                "This exchange does not check drafts for duplicates and interactions. No card about a conflict does "
                        + "not mean there is none: check the patient's medication by hand.",
                "warning", new CdsCards.Source(SOURCE), List.of());
    }

    private String name(DrugCode code) {
        return catalogue.find(code).map(Drug::name).orElse(code.value());
    }

    private List<CdsCards.Coding> overrideReasons() {
        return OverrideReason.ALL.stream()
                .map(reason -> new CdsCards.Coding(reason.code(), systems.alertOverrideReason(), reason.display()))
                .toList();
    }
}
