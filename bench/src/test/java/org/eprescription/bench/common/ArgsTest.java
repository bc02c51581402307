package org.eprescription.bench.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgsTest {

    @Test
    void givenOptionsOverrideTheDefaultsAndTheOthersKeepThem() {
        Args args = Args.parse("--clients", "16", "--label", "a run", "--rate", "7.5", "--verify", "no");

        assertThat(args.whole("--clients", 8, 1)).isEqualTo(16);
        assertThat(args.whole("--warmup-seconds", 10, 0)).isEqualTo(10);
        assertThat(args.text("--label", "default")).isEqualTo("a run");
        assertThat(args.text("--database", null)).isNull();
        assertThat(args.positiveNumber("--rate", 200)).isEqualTo(7.5);
        assertThat(args.yes("--verify", true)).isFalse();
        assertThat(args.yes("--together", false)).isFalse();
        args.finish();
    }

    @Test
    void anOptionNoProgramReadIsRefused() {
        Args args = Args.parse("--clients", "2", "--clinets", "3");
        args.whole("--clients", 8, 1);

        assertThatThrownBy(args::finish).isInstanceOf(UsageException.class).hasMessage("unknown option --clinets");
    }

    @Test
    void anOptionWithoutItsValueOrAStrayWordIsRefused() {
        assertThatThrownBy(() -> Args.parse("--clients")).hasMessage("missing value for --clients");
        assertThatThrownBy(() -> Args.parse("clients", "2")).hasMessage("unexpected argument clients");
    }

    @Test
    void wholeNumbersAreCheckedAgainstTheirBounds() {
        assertThatThrownBy(() -> Args.parse("--clients", "0").whole("--clients", 8, 1))
                .hasMessage("--clients must be > 0");
        assertThatThrownBy(() -> Args.parse("--warmup-seconds", "-1").whole("--warmup-seconds", 10, 0))
                .hasMessage("--warmup-seconds must be >= 0");
        assertThatThrownBy(() -> Args.parse("--clients", "eight").whole("--clients", 8, 1))
                .hasMessage("--clients needs a whole number, not eight");
        assertThatThrownBy(() -> Args.parse("--institutions", "100").whole("--institutions", 50, 1, 99))
                .hasMessage("--institutions must be between 1 and 99");
        assertThat(Args.parse("--institutions", "99").whole("--institutions", 50, 1, 99)).isEqualTo(99);
    }

    @Test
    void numbersAndChoicesAreChecked() {
        assertThatThrownBy(() -> Args.parse("--rate", "0").positiveNumber("--rate", 200))
                .hasMessage("--rate must be > 0");
        assertThatThrownBy(() -> Args.parse("--rate", "fast").positiveNumber("--rate", 200))
                .hasMessage("--rate needs a number, not fast");
        assertThatThrownBy(() -> Args.parse("--steps", "all").choice("--steps", "lifecycle", "lifecycle", "issue"))
                .hasMessage("--steps is lifecycle or issue, not all");
        assertThat(Args.parse().choice("--steps", "lifecycle", "lifecycle", "issue")).isEqualTo("lifecycle");
    }
}
