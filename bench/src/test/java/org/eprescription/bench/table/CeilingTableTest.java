package org.eprescription.bench.table;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CeilingTableTest {

    private static final AppendCeiling PGBENCH = AppendCeiling.parse(AppendCeilingTest.PGBENCH_RUN);
    private static final LoadFigures RAW = LoadFigures.parse(LoadFiguresTest.RAW_RUN);
    private static final LoadFigures HTTP = LoadFigures.parse(LoadFiguresTest.LIFECYCLE_RUN);

    @Test
    void eachHttpFigureIsARatioOfTheRawRateAndItsAppendsOfEachPgbenchRun() {
        List<String> table = CeilingTable.markdown(PGBENCH, RAW, HTTP, new CeilingTable.Events(6.0, "counted"));

        assertThat(table.get(0)).isEqualTo(
                "| figure | value | of raw Axon | of pgbench, 8 clients | of pgbench, 1 client |");
        assertThat(table).contains(
                "| HTTP lifecycle load, 16 clients: lifecycles/s | 57.5 | 0.288 |  |  |",
                "| HTTP lifecycle load, 16 clients: commands/s | 172.7 | 0.288 |  |  |",
                // 57.5 x 6 = 345 events/s: of 1200 raw, of 9934.1 and of 4262.0 appends/s
                "| HTTP lifecycle load, 16 clients: events appended/s (6.00 per lifecycle, counted) | 345.0 | 0.288 "
                        + "| 0.0347 | 0.0809 |",
                "| HTTP lifecycle load, 16 clients: exchange CPU ms per lifecycle | 18.00 | 4.50 |  |  |",
                "| raw Axon, 16 threads: events appended/s (6.00 per lifecycle) | 1200.0 |  | 0.121 | 0.282 |",
                "| pgbench, 1 client: durable appends/s | 4262.0 |  | 0.429 | 1.00 |");
    }

    @Test
    void aFigureARunDidNotMeasureIsADashNotAZero() {
        LoadFigures httpWithoutCpu = new LoadFigures(16, 57.5, 172.7, Double.NaN, Double.NaN);

        assertThat(CeilingTable.markdown(PGBENCH, RAW, httpWithoutCpu, new CeilingTable.Events(6.0, "counted")))
                .contains("| HTTP lifecycle load, 16 clients: exchange CPU ms per lifecycle | - | - |  |  |");
    }

    @Test
    void theHttpRunsEventsAreCountedElseTakenFromTheRawRunElseAssumedAndTheTableSaysWhich() {
        LoadFigures rawWithoutEvents = new LoadFigures(16, 200, 600, Double.NaN, 4.0);

        assertThat(CeilingTable.Events.of(5.5, RAW).perLifecycle()).isEqualTo(5.5);
        assertThat(CeilingTable.Events.of(Double.NaN, RAW))
                .isEqualTo(new CeilingTable.Events(6.0, "as the raw run counted them: the same commands"));
        assertThat(CeilingTable.Events.of(Double.NaN, rawWithoutEvents).source()).startsWith("assumed");
    }

    @Test
    void ratiosKeepAboutThreeSignificantDigits() {
        assertThat(CeilingTable.ratio(57.5, 200)).isEqualTo("0.288");
        assertThat(CeilingTable.ratio(345, 9934.1)).isEqualTo("0.0347");
        assertThat(CeilingTable.ratio(18, 4)).isEqualTo("4.50");
        assertThat(CeilingTable.ratio(1, 0)).isEqualTo("-");
    }
}
