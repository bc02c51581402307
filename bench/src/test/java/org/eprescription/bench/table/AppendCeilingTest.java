package org.eprescription.bench.table;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppendCeilingTest {

    static final String PGBENCH_RUN = """
            === pgbench ceiling: durable single-row appends (bench/pgbench-append.sql, -M prepared) ===
            appends/s   8 clients     9934.1  (298023 appends in 30 s, latency average 0.805 ms)
            appends/s   1 client      4262.0  (127860 appends in 30 s, latency average 0.235 ms)
            """;

    @Test
    void eachClientCountsAppendsInTheOrderTheyRan() {
        assertThat(AppendCeiling.parse(PGBENCH_RUN).runs()).containsExactly(
                new AppendCeiling.Run(8, 9934.1), new AppendCeiling.Run(1, 4262.0));
    }

    @Test
    void aRunWithoutAppendsIsRefused() {
        assertThatThrownBy(() -> AppendCeiling.parse("pgbench failed")).hasMessage("no appends/s line");
    }
}
