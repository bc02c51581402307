package org.eprescription.query.support;

import org.eprescription.core.ids.PatientId;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A patient's consent as the two consent tables keep it, {@code patient_consent} (the alerts' projection) and
 * {@code consent_record} (what answers read): the same columns, the same named parameters ({@code :patient},
 * {@code :allowed}, {@code :changedAt}, {@code :version}).
 */
public final class ConsentColumns {

    private ConsentColumns() {
    }

    /** Inserts the consent, or replaces an older one: an older event redelivered never overwrites a newer one. */
    public static String upsert(String table) {
        return """
                insert into %1$s (patient_id, sharing_allowed, changed_at, version)
                values (:patient, :allowed, :changedAt, :version)
                on conflict (patient_id) do update set
                    sharing_allowed = excluded.sharing_allowed,
                    changed_at = excluded.changed_at,
                    version = excluded.version
                where %1$s.version < excluded.version
                """.formatted(table);
    }

    /** The named parameters of {@link #upsert}. */
    public static Map<String, Object> parameters(PatientId patientId, boolean sharingAllowed, Instant changedAt,
                                                 long version) {
        Map<String, Object> parameters = new HashMap<>(8);
        parameters.put("patient", patientId.value());
        parameters.put("allowed", sharingAllowed);
        parameters.put("changedAt", SqlTimestamps.timestamp(changedAt));
        parameters.put("version", version);
        return parameters;
    }
}
