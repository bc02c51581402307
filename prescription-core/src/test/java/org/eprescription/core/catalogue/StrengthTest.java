package org.eprescription.core.catalogue;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrengthTest {

    @Test
    void parsesAnAmountAndAUnit() {
        assertThat(Strength.parse("5 mg")).isEqualTo(new Strength(new BigDecimal("5"), "mg"));
        assertThat(Strength.parse(" 2.50 mg ")).isEqualTo(new Strength(new BigDecimal("2.5"), "mg"));
        assertThat(Strength.parse("20 mg/g")).isEqualTo(new Strength(new BigDecimal("20"), "mg/g"));
        assertThat(Strength.parse("0.25 mg").toString()).isEqualTo("0.25 mg");
    }

    @Test
    void refusesWhatIsNotAnAmountAndAUnit() {
        assertThatThrownBy(() -> Strength.parse("5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Strength.parse("five mg")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Strength.parse("0 mg")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Strength.parse("5 mg per tablet")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void comparesMassUnitsOverTheSameDenominator() {
        assertThat(Strength.parse("0.5 g").amountIn(Strength.parse("5 mg")))
                .hasValueSatisfying(amount -> assertThat(amount).isEqualByComparingTo("500"));
        assertThat(Strength.parse("250 µg").amountIn(Strength.parse("1 mg")))
                .hasValueSatisfying(amount -> assertThat(amount).isEqualByComparingTo("0.25"));
        assertThat(Strength.parse("20 mg/g").amountIn(Strength.parse("10 mg/g")))
                .hasValueSatisfying(amount -> assertThat(amount).isEqualByComparingTo("20"));
    }

    @Test
    void doesNotCompareWhatDiffersInKind() {
        assertThat(Strength.parse("20 mg/g").amountIn(Strength.parse("5 mg"))).isEmpty();
        assertThat(Strength.parse("20 mg/g").amountIn(Strength.parse("5 mg/mL"))).isEmpty();
        assertThat(Strength.parse("100 IU").amountIn(Strength.parse("5 mg"))).isEmpty();
    }
}
