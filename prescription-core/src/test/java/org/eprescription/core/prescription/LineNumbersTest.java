package org.eprescription.core.prescription;

import org.eprescription.core.refusal.PrescriptionRefusedException;
import org.eprescription.core.refusal.Refusal;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** docs/domain.md, "A prescription": each line number once, for an issue, an amendment and a draft's check alike. */
class LineNumbersTest {

    @Test
    void numbersUsedOnceEachPass() {
        assertThatCode(() -> LineNumbers.requireUnique(List.of(2, 1, 3))).doesNotThrowAnyException();
    }

    @Test
    void aNumberUsedTwiceIsInvalidLinesNamingIt() {
        assertThatThrownBy(() -> LineNumbers.requireUnique(List.of(1, 2, 1)))
                .isInstanceOfSatisfying(PrescriptionRefusedException.class, refused -> {
                    assertThat(refused.refusal()).isEqualTo(Refusal.INVALID_LINES);
                    assertThat(refused.getMessage()).contains("line number 1");
                });
    }
}
