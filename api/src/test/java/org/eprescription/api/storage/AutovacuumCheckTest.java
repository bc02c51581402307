package org.eprescription.api.storage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AutovacuumCheckTest {

    @Test
    void aServerWithAutovacuumAndItsStatisticsNeedsNoWarning() {
        assertThat(AutovacuumCheck.warning("on", "on")).isEmpty();
    }

    @Test
    void aServerWithoutAutovacuumOrWithoutStatisticsIsWarnedAbout() {
        assertThat(AutovacuumCheck.warning("off", "on")).get().asString()
                .contains("autovacuum=off").contains("docs/operations.md");
        assertThat(AutovacuumCheck.warning("on", "off")).get().asString().contains("track_counts=off");
    }
}
