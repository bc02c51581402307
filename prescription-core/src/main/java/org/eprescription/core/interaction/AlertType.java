package org.eprescription.core.interaction;

/** The kinds of conflict between a new line and an existing course, each with its severity. */
public enum AlertType {
    /**
     * The same drug code. No longer raised: the very same product is a SAME_INGREDIENT conflict that says so. Kept to
     * read alerts stored before that.
     */
    SAME_DRUG(Severity.HIGH),
    /** An active ingredient in common, given by the same route (the same product or another). */
    SAME_INGREDIENT(Severity.HIGH),
    /** An ingredient pair listed as contraindicated (併用禁忌), any route. */
    CONTRAINDICATED(Severity.HIGH),
    /** No ingredient in common but the same 4-digit efficacy class; off unless a deployment turns it on. */
    SAME_CLASS(Severity.MODERATE);

    private final Severity severity;

    AlertType(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }
}
