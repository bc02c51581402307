package org.eprescription.api.record;

import io.swagger.v3.oas.annotations.media.Schema;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eprescription.api.alerts.AlertCheck;
import org.eprescription.core.catalogue.DrugDescription;
import org.eprescription.core.catalogue.DrugDescriptions;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.Party;
import org.eprescription.core.record.DispensingRecordState;
import org.eprescription.core.record.DispensingRecordStatus;
import org.eprescription.core.record.RecordItem;
import org.eprescription.query.alerts.query.AlertView;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A registered dispensing as docs/http-api.md shows it: who registered it, the day it was dispensed (decided in the
 * exchange's zone), its items with the drug names recorded with them, and what its interaction check found
 * ({@code alerts}, absent when no check ran; {@code alertCheck} says which).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DispensingRecordResponse(DispensingRecordId recordId, PatientId patientId, Party registeredBy,
                                       InstitutionId prescribingInstitutionId, LocalDate dispensedOn,
                                       DispensingRecordStatus status, int revision, List<Item> items,
                                       Instant registeredAt, List<AlertView> alerts, AlertCheck alertCheck) {

    /**
     * Item {@code itemNumber} (1, 2, ... as sent); {@code drugName} as the catalogue named the drug when the item was
     * recorded, or, for an item recorded before events described their drugs, as the catalogue names it now (null if
     * it does not know it).
     */
    @Schema(name = "RecordedItem")
    public record Item(int itemNumber, DrugCode drugCode, String drugName, BigDecimal quantity, int days,
                       boolean asNeeded) {
    }

    static DispensingRecordResponse of(DispensingRecordState record, DrugCatalogue catalogue, List<AlertView> alerts,
                                       AlertCheck alertCheck) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < record.items().size(); i++) {
            RecordItem item = record.items().get(i);
            items.add(new Item(i + 1, item.drugCode(), DrugDescriptions.describe(record.drugs(), item.drugCode(),
                    catalogue).map(DrugDescription::name).orElse(null), item.quantity(), item.days(), item.asNeeded()));
        }
        return new DispensingRecordResponse(record.recordId(), record.patientId(), record.registeredBy(),
                record.prescribingInstitutionId(), record.dispensedOn(), record.status(), record.revision(), items,
                record.registeredAt(), alerts, alertCheck);
    }
}
