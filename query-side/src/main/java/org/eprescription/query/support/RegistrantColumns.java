package org.eprescription.query.support;

import org.eprescription.core.ids.Party;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * Who registered a dispensing record, as the columns {@code registrant_role}, {@code registrant_id} and
 * {@code registrant_organisation} keep it (migration V140); all null on a prescription's rows.
 */
public final class RegistrantColumns {

    private RegistrantColumns() {
    }

    public static void put(Map<String, Object> parameters, Party registeredBy) {
        parameters.put("registrantRole", registeredBy == null ? null : registeredBy.role().name());
        parameters.put("registrantId", registeredBy == null ? null : registeredBy.personId());
        parameters.put("registrantOrganisation", registeredBy == null ? null : registeredBy.organisationId());
    }

    public static Party read(ResultSet rs) throws SQLException {
        String role = rs.getString("registrant_role");
        return role == null ? null : new Party(Party.Role.valueOf(role), rs.getString("registrant_id"),
                rs.getString("registrant_organisation"));
    }
}
