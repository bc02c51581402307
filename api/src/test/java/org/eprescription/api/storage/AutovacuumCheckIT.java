package org.eprescription.api.storage;

import org.eprescription.api.support.ExchangeIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The start-up check reads the server the exchange runs on (docs/operations.md, "PostgreSQL settings"). */
class AutovacuumCheckIT extends ExchangeIntegrationTest {

    @Autowired
    AutovacuumCheck check;

    @Autowired
    JdbcClient jdbc;

    @Test
    void itWarnsExactlyWhenTheServerRunsWithoutAutovacuum() {
        boolean running = "on".equals(jdbc.sql("show autovacuum").query(String.class).single())
                && "on".equals(jdbc.sql("show track_counts").query(String.class).single());

        assertThat(check.warning().isPresent()).isEqualTo(!running);
    }
}
