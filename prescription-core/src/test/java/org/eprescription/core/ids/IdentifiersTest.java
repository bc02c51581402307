package org.eprescription.core.ids;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentifiersTest {

    @Test
    void anIdentifierIsTrimmedText() {
        assertThat(PatientId.of("  PAT-1 ").value()).isEqualTo("PAT-1");
    }

    @Test
    void blankOverlongAndControlCharactersAreRefused() {
        assertThatThrownBy(() -> PatientId.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PatientId.of("P".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PharmacyId.of("PH\u00001")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control characters");
        assertThatThrownBy(() -> InstitutionId.of("HOSP\n1")).isInstanceOf(IllegalArgumentException.class);
    }
}
