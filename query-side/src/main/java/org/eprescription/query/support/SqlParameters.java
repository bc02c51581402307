package org.eprescription.query.support;

import org.springframework.jdbc.core.namedparam.AbstractSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A statement written with named parameters, as the repositories write them, run as a plain JDBC statement with
 * positional ones: for batches of many rows, where binding by name costs more than the statement itself. Immutable,
 * so one instance, parsed once, serves every thread.
 */
public final class SqlParameters {

    private final String sql;
    private final List<String> names;

    public SqlParameters(String namedSql) {
        ParsedSql parsed = NamedParameterUtils.parseSqlStatement(namedSql);
        this.sql = NamedParameterUtils.substituteNamedParameters(parsed, null);
        // each parameter's name in the order of the ?s, as Spring's own binding sees them
        Object[] inOrder = NamedParameterUtils.buildValueArray(parsed, new AbstractSqlParameterSource() {
            @Override
            public boolean hasValue(String paramName) {
                return true;
            }

            @Override
            public Object getValue(String paramName) {
                return paramName;
            }
        }, null);
        this.names = Arrays.stream(inOrder).map(String.class::cast).toList();
    }

    /** The statement with {@code ?} for each parameter. */
    public String sql() {
        return sql;
    }

    /** Binds {@code values} by name, each parameter as often as the statement names it. */
    public void bind(PreparedStatement statement, Map<String, ?> values) throws SQLException {
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("no value for parameter " + name);
            }
            Object value = values.get(name);
            if (value == null) {
                statement.setNull(i + 1, Types.NULL);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }
}
