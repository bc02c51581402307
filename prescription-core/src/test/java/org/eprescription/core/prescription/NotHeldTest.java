package org.eprescription.core.prescription;

import org.axonframework.test.aggregate.TestExecutor;
import org.eprescription.core.refusal.Refusal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.function.Function;

/** A prescription that no pharmacy holds can be neither dispensed nor released, by any pharmacy. */
class NotHeldTest extends PrescriptionTestSupport {

    /** The ways a prescription comes to be held by no pharmacy, each as the fixture given its history. */
    enum NobodyHolds {
        NOBODY_ACCEPTED_IT(test -> test.fixture.given(test.issued())),
        RELEASED(test -> test.fixture.given(test.issued(), test.accepted(PHARMACY_A), test.released(PHARMACY_A, 1))),
        COMPLETED(test -> test.fixture.given(test.completedHistory())),
        CANCELLED(test -> test.fixture.given(test.issued(), test.cancelled())),
        AWAITING_ITS_REFILL(test -> test.fixture.given(test.awaitingFirstRefill())),
        REFILL_IN_ITS_WINDOW_NOT_ACCEPTED(test -> test.awaitingFirstRefillOn(REFILL_PLANNED));

        private final Function<NotHeldTest, TestExecutor<Prescription>> given;

        NobodyHolds(Function<NotHeldTest, TestExecutor<Prescription>> given) {
            this.given = given;
        }
    }

    @ParameterizedTest
    @EnumSource(NobodyHolds.class)
    void itCannotBeDispensed(NobodyHolds state) {
        expectRefused(state.given.apply(this).when(dispenseEverything(PHARMACY_A)), Refusal.NOT_HELD);
    }

    @ParameterizedTest
    @EnumSource(NobodyHolds.class)
    void itCannotBeReleased(NobodyHolds state) {
        expectRefused(state.given.apply(this).when(release(PHARMACY_A)), Refusal.NOT_HELD);
    }
}
