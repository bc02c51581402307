package org.eprescription.api.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.ZoneId;

/**
 * The zone in which the nodes sharing this database decide every day they record ({@code exchange.zone},
 * docs/domain.md, "Days"), as the table {@code exchange_zone} (migration V170) holds it. The first node that starts on
 * a database records the zone it is configured with; a node configured with another does not start. Two nodes on one
 * store that judged "today" in different zones would date the same moment on different days: whether a refill window
 * is open, a prescription has expired or a dispensing may still be corrected would depend on the node a request
 * reached (docs/operations.md, "The zone is the database's").
 */
@Component
@DependsOnDatabaseInitialization
public class RecordedZone {

    private static final Logger log = LoggerFactory.getLogger(RecordedZone.class);

    private final ZoneId zone;

    public RecordedZone(JdbcClient jdbc, ExchangeProperties properties) {
        String configured = properties.zone().getId();
        boolean first = jdbc.sql("insert into exchange_zone (zone) values (:zone) on conflict do nothing")
                .param("zone", configured)
                .update() == 1;
        String recorded = jdbc.sql("select zone from exchange_zone").query(String.class).single();
        if (!recorded.equals(configured)) {
            throw new IllegalStateException(mismatch(configured, recorded));
        }
        if (first) {
            log.info("Recorded exchange.zone={} for this database: every node that shares it decides its days in this "
                    + "zone (docs/operations.md, \"The zone is the database's\")", configured);
        }
        this.zone = properties.zone();
    }

    /** The zone every node on this database decides its days in. */
    public ZoneId zone() {
        return zone;
    }

    static String mismatch(String configured, String recorded) {
        return "This node is configured with exchange.zone=" + configured + " (EXCHANGE_ZONE), but the nodes sharing "
                + "its database decide every day in " + recorded + ", as the first of them recorded it in the table "
                + "exchange_zone: nodes judging \"today\" in different zones would date the same moment on different "
                + "days. Start this node with EXCHANGE_ZONE=" + recorded + ". To move the exchange to " + configured
                + " deliberately, stop every node, run \"update exchange_zone set zone = '" + configured
                + "', recorded_at = now()\" on the database, and start every node with EXCHANGE_ZONE=" + configured
                + "; the days already recorded keep the zone they were decided in (docs/operations.md, \"The zone is "
                + "the database's\")";
    }
}
