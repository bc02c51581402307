package org.eprescription.api.input;

/**
 * The longest strings and lists a request body may carry (jakarta.validation {@code @Size}), so that a hostile body
 * is refused with 400 naming the field before it reaches the domain, the event store or the views. Generous for any
 * real prescription; the domain's own rules (such as at most 10 lines) still answer 422 below these.
 */
public final class FieldLimits {

    /** Identifiers of patients, prescribers, institutions, pharmacies, pharmacists and alerts (the core's limit). */
    public static final int ID = 64;
    /** A person's name. */
    public static final int NAME = 200;
    /** Free text: a dosage instruction, a reason for cancelling, releasing or acknowledging. */
    public static final int TEXT = 500;
    /** A drug code (12 characters in the YJ layout) or a unit such as "tablet". */
    public static final int CODE = 32;
    /** An exchange code as the patient shows it (dddd-dddd-dddd-dddd), with room for spaces. */
    public static final int EXCHANGE_CODE = 32;
    /** Lines, dispensed items or acknowledged alerts in one request. */
    public static final int LIST = 50;
    /** Whole-number digits of a quantity: nothing dispensed at once comes near a million units. */
    public static final int QUANTITY_DIGITS = 6;
    /** Decimal places of a quantity (grams, millilitres). */
    public static final int QUANTITY_FRACTION = 3;

    private FieldLimits() {
    }
}
