package org.eprescription.core.refusal;

/** Every reason the aggregate refuses a command, with the kind of refusal it is. */
public enum Refusal {
    INVALID_LINES(Kind.RULE_VIOLATION),
    UNKNOWN_DRUG(Kind.RULE_VIOLATION),
    TOO_MANY_REFILLS(Kind.RULE_VIOLATION),
    VALID_UNTIL_BEFORE_ISSUE(Kind.RULE_VIOLATION),
    VALID_UNTIL_BEYOND_HORIZON(Kind.RULE_VIOLATION),
    /** A draft check's {@code startDate} further from today than the validUntil horizon, either way. */
    START_DATE_OUT_OF_RANGE(Kind.RULE_VIOLATION),
    /** A line's days above the longest supply the catalogue allows for its drug. */
    DAYS_ABOVE_LONGEST_SUPPLY(Kind.RULE_VIOLATION),
    /** Refills for a drug the catalogue marks as not refillable (hypnotics, patches). */
    REFILL_NOT_ALLOWED(Kind.RULE_VIOLATION),
    DIFFERENT_ISSUE_UNDER_SAME_ID(Kind.CONFLICT),
    UNKNOWN_EXCHANGE_CODE(Kind.NOT_FOUND),
    HELD_BY_ANOTHER_PHARMACY(Kind.CONFLICT),
    NOT_ACCEPTABLE_NOW(Kind.CONFLICT),
    REFILL_WINDOW_NOT_OPEN(Kind.CONFLICT),
    NOT_HELD(Kind.CONFLICT),
    NOT_THE_HOLDING_PHARMACY(Kind.FORBIDDEN),
    INVALID_DISPENSE(Kind.RULE_VIOLATION),
    UNKNOWN_LINE(Kind.RULE_VIOLATION),
    QUANTITY_EXCEEDS_REMAINING(Kind.RULE_VIOLATION),
    SUPPLY_LONGER_THAN_PRESCRIBED(Kind.RULE_VIOLATION),
    /** A substitute without the same ingredients by the same route. */
    SUBSTITUTE_NOT_EQUIVALENT(Kind.RULE_VIOLATION),
    /** A substitute of another form group, such as extended-release for immediate-release. */
    SUBSTITUTE_OTHER_FORM(Kind.RULE_VIOLATION),
    /** A substitute whose ingredient amounts cannot match the prescribed ones, or whose units are stronger. */
    SUBSTITUTE_NOT_DOSE_EQUIVALENT(Kind.RULE_VIOLATION),
    /** A substitute the catalogue cannot show to be dose-true: strength or form group unknown or not comparable. */
    SUBSTITUTE_NOT_VERIFIABLE(Kind.RULE_VIOLATION),
    NOT_CANCELLABLE(Kind.CONFLICT),
    NOT_THE_ISSUING_INSTITUTION(Kind.FORBIDDEN),
    NOT_INVOLVED(Kind.FORBIDDEN),
    /** An acknowledgement that names none of the conflicts of the alert it acknowledges. */
    UNKNOWN_CONFLICT(Kind.RULE_VIOLATION),
    /** A registered dispensing without items, or with an item of impossible quantity or days. */
    INVALID_RECORD_ITEMS(Kind.RULE_VIOLATION),
    DIFFERENT_RECORD_UNDER_SAME_ID(Kind.CONFLICT),
    /** Only the pharmacy or institution that registered a dispensing may correct or withdraw it. */
    NOT_THE_REGISTERING_PARTY(Kind.FORBIDDEN),
    /** A registered dispensing is corrected or withdrawn on the day it was dispensed only. */
    RECORD_CORRECTION_CLOSED(Kind.CONFLICT),
    RECORD_WITHDRAWN(Kind.CONFLICT),
    /** A dispensing number the prescription does not have. */
    UNKNOWN_DISPENSING(Kind.NOT_FOUND),
    /** A correction by another pharmacy than the one that recorded the dispensing. */
    NOT_THE_DISPENSING_PHARMACY(Kind.FORBIDDEN),
    /** A correction after the day of the dispensing. */
    CORRECTION_DAY_PASSED(Kind.CONFLICT),
    /** A correction of a dispensing that was withdrawn. */
    DISPENSING_WITHDRAWN(Kind.CONFLICT),
    /** A withdrawal that would reopen a use already completed (a refill scheduled, or the prescription completed). */
    USE_ALREADY_COMPLETED(Kind.CONFLICT),
    /**
     * A correction that would count a dispensing as more than it did after the prescriber's cancellation was decided
     * (the prescription cancelled, or a use completed while a cancellation was requested).
     */
    SUPPLY_STOPPED_BY_CANCELLATION(Kind.CONFLICT),
    /** A query the prescription does not have. */
    UNKNOWN_QUERY(Kind.NOT_FOUND),
    QUERY_ALREADY_ANSWERED(Kind.CONFLICT),
    /** A query under the id of an earlier one of the prescription, asking or proposing something else. */
    DIFFERENT_QUERY_UNDER_SAME_ID(Kind.CONFLICT),
    /** A change accepted for a query that proposed none. */
    NO_CHANGE_PROPOSED(Kind.RULE_VIOLATION),
    /** An amendment of a line something was already dispensed against in the current use. */
    LINE_ALREADY_DISPENSED(Kind.CONFLICT),
    /** An amendment of a completed, cancelled or expired prescription. */
    NOT_AMENDABLE(Kind.CONFLICT);

    /** How a client should read the refusal; the api maps each kind to one HTTP status. */
    public enum Kind { RULE_VIOLATION, CONFLICT, NOT_FOUND, FORBIDDEN }

    private final Kind kind;

    Refusal(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
