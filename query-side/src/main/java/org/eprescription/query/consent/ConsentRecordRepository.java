package org.eprescription.query.consent;

import lombok.RequiredArgsConstructor;
import org.eprescription.core.ids.PatientId;
import org.eprescription.query.support.ConsentColumns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** The table {@code consent_record} (migration V163): each patient's consent as the consent commands left it. */
@Component
@RequiredArgsConstructor
public class ConsentRecordRepository {

    private static final String UPSERT = ConsentColumns.upsert("consent_record");

    private final JdbcClient jdbc;

    public void save(PatientId patientId, boolean sharingAllowed, Instant changedAt, long version) {
        jdbc.sql(UPSERT).params(ConsentColumns.parameters(patientId, sharingAllowed, changedAt, version)).update();
    }

    /** No row means not shared. */
    public boolean sharingAllowed(PatientId patientId) {
        return jdbc.sql("select sharing_allowed from consent_record where patient_id = :patient")
                .param("patient", patientId.value())
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }
}
