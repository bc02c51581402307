package org.eprescription.core.record.event;

import org.axonframework.serialization.Revision;
import org.eprescription.core.catalogue.DrugDescriptions;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.Party;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.core.record.RecordItem;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A pharmacy or institution registered a dispensing made without an electronic prescription. {@code dispensedOn} is
 * the day it was decided, in the exchange's zone; item n of {@code items} is the record's item number n.
 *
 * <p>Revision 2: each item says whether it is taken as needed ({@code asNeeded}); revision 1 had no such item and is
 * read with {@code false} ({@link RecordItemsUpcaster}). Revision 3 records how the catalogue described the items'
 * drugs ({@code drugs}); older revisions are read with none (null: not recorded).
 */
@Revision("3")
public record DispensingRegistered(DispensingRecordId recordId, PatientDetails patient, Party registeredBy,
                                   InstitutionId prescribingInstitutionId, List<RecordItem> items,
                                   LocalDate dispensedOn, Instant registeredAt, DrugDescriptions drugs)
        implements DispensingRecordEvent {

    /** A registration whose drugs were not described (as revisions before 3 were recorded). */
    public DispensingRegistered(DispensingRecordId recordId, PatientDetails patient, Party registeredBy,
                                InstitutionId prescribingInstitutionId, List<RecordItem> items,
                                LocalDate dispensedOn, Instant registeredAt) {
        this(recordId, patient, registeredBy, prescribingInstitutionId, items, dispensedOn, registeredAt, null);
    }

    public DispensingRegistered {
        items = List.copyOf(items);
    }

    @Override
    public PatientId patientId() {
        return patient.id();
    }
}
