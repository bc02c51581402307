package org.eprescription.core.refusal;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matchers for what an aggregate refused, for Axon's test fixtures' {@code expectException}. */
public final class RefusalMatchers {

    private RefusalMatchers() {
    }

    /** Matches a {@link PrescriptionRefusedException} carrying exactly this refusal. */
    public static Matcher<PrescriptionRefusedException> refusedWith(Refusal refusal) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(PrescriptionRefusedException exception) {
                return exception.refusal() == refusal;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("PrescriptionRefusedException with refusal ").appendValue(refusal);
            }

            @Override
            protected void describeMismatchSafely(PrescriptionRefusedException item, Description mismatch) {
                mismatch.appendText("refusal was ").appendValue(item.refusal())
                        .appendText(" (").appendText(item.getMessage()).appendText(")");
            }
        };
    }
}
