package org.eprescription.api.privacy;

import lombok.RequiredArgsConstructor;
import org.eprescription.api.security.CurrentUser;
import org.eprescription.api.security.ExchangeUser;
import org.eprescription.api.security.Role;
import org.eprescription.core.ids.PatientId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Records every read of a patient's data by anyone but that patient, before the data is answered: if the record
 * cannot be written, the read fails too (503), so no read goes unrecorded.
 */
@Component
@RequiredArgsConstructor
public class AccessLog {

    /** How many entries one answer of {@code GET /patients/{id}/access-log} lists, newest first. */
    public static final int LIMIT = 1000;

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final Clock clock;

    public void read(PatientId patient, String what) {
        read(List.of(patient), what);
    }

    /** One entry per distinct patient whose data a list (a pharmacy's queue, an institution's list) showed. */
    public void read(Collection<PatientId> patients, String what) {
        read(currentUser.get(), patients, what);
    }

    /** The caller of the request being handled, for {@link #read(ExchangeUser, Collection, String)} off its thread. */
    public ExchangeUser caller() {
        return currentUser.get();
    }

    /** As {@link #read(Collection, String)} for {@code user}: a live stream answers its snapshot on another thread. */
    public void read(ExchangeUser user, Collection<PatientId> patients, String what) {
        Timestamp now = Timestamp.from(clock.instant());
        String[] others = new LinkedHashSet<>(patients).stream().map(PatientId::value)
                .filter(patient -> !user.is(patient)).toArray(String[]::new);
        if (others.length == 0) {
            return;
        }
        for (ActingFor acting : actingFor(user)) {
            insert(user, others, acting.role(), acting.organisation(), what, now);
        }
    }

    /** The role and organisation a read is recorded under. */
    private record ActingFor(String role, String organisation) {
    }

    /**
     * Who read, as the patient should see it: an auditor as such; a provider under each organisation its token acts for
     * (a token of both an institution's prescriber and a pharmacy's pharmacist gets one entry for each, since either
     * may be what let it read); anyone else under their role.
     */
    private static List<ActingFor> actingFor(ExchangeUser user) {
        if (user.has(Role.AUDITOR)) {
            return List.of(new ActingFor(Role.AUDITOR.name(), null));
        }
        List<ActingFor> providers = new ArrayList<>(2);
        if (user.has(Role.PRESCRIBER) && user.institutionId() != null) {
            providers.add(new ActingFor(Role.PRESCRIBER.name(), user.institutionId()));
        }
        if (user.has(Role.PHARMACIST) && user.pharmacyId() != null) {
            providers.add(new ActingFor(Role.PHARMACIST.name(), user.pharmacyId()));
        }
        return providers.isEmpty() ? List.of(new ActingFor(roleOf(user), user.pharmacyId())) : providers;
    }

    private void insert(ExchangeUser user, String[] others, String role, String organisation, String what,
                        Timestamp now) {
        if (others.length == 1) {
            // the common case (one patient's prescription, medications or duplicate check), with positional
            // parameters: it runs before every such answer
            jdbc.sql("""
                            insert into patient_access_log (patient_id, accessed_at, accessor_id, role, organisation_id,
                                                            what)
                            values (?, ?, ?, ?, ?, ?)""")
                    .params(others[0], now, user.subject(), role, organisation, what)
                    .update();
            return;
        }
        // one statement for a whole list (a pharmacy's queue), not one per patient
        jdbc.sql("""
                        insert into patient_access_log (patient_id, accessed_at, accessor_id, role, organisation_id, what)
                        select patient, :at, :accessor, :role, :organisation, :what
                        from unnest(cast(:patients as varchar[])) as patient""")
                .param("patients", others)
                .param("at", now)
                .param("accessor", user.subject())
                .param("role", role)
                .param("organisation", organisation)
                .param("what", what)
                .update();
    }

    /**
     * A failed accept of the patient's prescription (a right code with a wrong birth date), or of nobody's
     * ({@code patient} null: the code is unknown). One statement either way, which writes nothing for nobody, so
     * that both refusals do the same work.
     */
    public void failedAccept(PatientId patient, String what) {
        ExchangeUser user = currentUser.get();
        jdbc.sql("""
                        insert into patient_access_log (patient_id, accessed_at, accessor_id, role, organisation_id,
                                                        what)
                        select patient, ?, ?, ?, ?, ? from (select cast(? as varchar) as patient) attempt
                        where patient is not null""")
                .params(Timestamp.from(clock.instant()), user.subject(), roleOf(user), user.pharmacyId(), what,
                        patient == null ? null : patient.value())
                .update();
    }

    /** The newest {@value #LIMIT} entries, and one more if there are more (so that a reader can say so). */
    public List<AccessLogEntry> of(PatientId patient) {
        return jdbc.sql("""
                        select accessed_at, accessor_id, role, organisation_id, what from patient_access_log
                        where patient_id = :patient order by accessed_at desc, id desc limit :limit""")
                .param("patient", patient.value())
                .param("limit", LIMIT + 1)
                .query((row, n) -> new AccessLogEntry(row.getTimestamp("accessed_at").toInstant(),
                        row.getString("accessor_id"), row.getString("role"), row.getString("organisation_id"),
                        row.getString("what")))
                .list();
    }

    /** The role the reader read in: the one that granted the read when a token carries several. */
    private static String roleOf(ExchangeUser user) {
        for (Role role : List.of(Role.AUDITOR, Role.PRESCRIBER, Role.PHARMACIST, Role.PATIENT, Role.SERVICE_DESK)) {
            if (user.has(role)) {
                return role.name();
            }
        }
        return "NONE";
    }
}
