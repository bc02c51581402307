package org.eprescription.api.command;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.command.AcceptPrescription;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cached resolver finds the same target and version as Axon's own, and refuses what Axon's refuses. */
class CachedCommandTargetResolverTest {

    private static final CommandTargetResolver AXONS = AnnotationCommandTargetResolver.builder().build();
    private final CommandTargetResolver cached = new CachedCommandTargetResolver();

    record OnRecordComponent(@TargetAggregateIdentifier PrescriptionId id, String other) {
    }

    static class OnField {
        @TargetAggregateIdentifier
        private final String id;
        @TargetAggregateVersion
        private final Integer version;

        OnField(String id, Integer version) {
            this.id = id;
            this.version = version;
        }
    }

    static class OnMethod extends OnField {
        OnMethod(String id) {
            super("field-" + id, 3);
        }

        @TargetAggregateIdentifier
        public String target() {
            return "method";
        }

        @TargetAggregateVersion
        public String version() {
            return "7";
        }
    }

    record WithoutTarget(String id) {
    }

    static Stream<Object> commands() {
        return Stream.of(
                new AcceptPrescription(PrescriptionId.of("9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d"), "hash",
                        LocalDate.of(1980, 1, 2), PharmacyId.of("PH-1"), PharmacistId.of("RPh-1")),
                new OnRecordComponent(PrescriptionId.of("0f8fad5b-d9cb-469f-a165-70867728950e"), "x"),
                new OnField("field", 5),
                new OnField("field", null),
                new OnMethod("m"));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void findsTheSameTargetAsAxonsResolver(Object command) {
        GenericCommandMessage<Object> message = new GenericCommandMessage<>(command);

        assertThat(cached.resolveTarget(message)).isEqualTo(AXONS.resolveTarget(message));
        assertThat(cached.resolveTarget(message)).as("the second look-up, from the cache")
                .isEqualTo(AXONS.resolveTarget(message));
    }

    @ParameterizedTest
    @MethodSource("withoutATarget")
    void refusesACommandWithoutATargetAsAxonsResolverDoes(Object command) {
        GenericCommandMessage<Object> message = new GenericCommandMessage<>(command);

        assertThatThrownBy(() -> AXONS.resolveTarget(message)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cached.resolveTarget(message)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not identify the target aggregate");
    }

    static List<Object> withoutATarget() {
        return List.of(new WithoutTarget("id"), new OnField(null, 1));
    }
}
