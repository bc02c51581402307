package org.eprescription.api.storage;

import lombok.RequiredArgsConstructor;
import org.eprescription.core.catalogue.Drug;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.ids.DrugCode;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Migration V131: gives the lines of prescription views projected before lines had {@code drugNameJa} the catalogue's
 * Japanese name, as the projection (and so a replay) now writes them: the key on every line, null where the
 * catalogue has no Japanese name. A Java migration because the names are in the catalogue the deployment loads, not
 * in the database; Spring Boot hands every {@link JavaMigration} bean to Flyway.
 */
@Component
@RequiredArgsConstructor
public class JapaneseDrugNamesMigration implements JavaMigration {

    private final DrugCatalogue catalogue;

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("131");
    }

    @Override
    public String getDescription() {
        return "prescription view japanese drug names";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("create temporary table catalogue_name_ja (drug_code text primary key, name_ja text)");
        }
        List<String> prescribed = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet codes = statement.executeQuery("""
                     select distinct line ->> 'drugCode' as drug_code
                       from prescription_view v, jsonb_array_elements(v.lines) line
                      where jsonb_typeof(v.lines) = 'array' and not line ? 'drugNameJa'
                     """)) {
            while (codes.next()) {
                prescribed.add(codes.getString("drug_code"));
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into catalogue_name_ja (drug_code, name_ja) values (?, ?)")) {
            for (String code : prescribed) {
                String nameJa = code == null ? null
                        : catalogue.find(DrugCode.of(code)).map(Drug::nameJa).orElse(null);
                if (nameJa != null) {
                    insert.setString(1, code);
                    insert.setString(2, nameJa);
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    update prescription_view v
                       set lines = (select jsonb_agg(case when line ? 'drugNameJa' then line
                                                          else line || jsonb_build_object('drugNameJa', n.name_ja)
                                                     end order by position)
                                      from jsonb_array_elements(v.lines) with ordinality as l(line, position)
                                      left join catalogue_name_ja n on n.drug_code = line ->> 'drugCode')
                     where jsonb_typeof(v.lines) = 'array'
                       and exists (select 1 from jsonb_array_elements(v.lines) line where not line ? 'drugNameJa')
                    """);
            statement.execute("drop table catalogue_name_ja");
        }
    }
}
