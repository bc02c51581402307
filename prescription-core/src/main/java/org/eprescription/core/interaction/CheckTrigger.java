package org.eprescription.core.interaction;

/** The step of the lifecycle at which an interaction check ran (docs/alerts.md, "When the check runs"). */
public enum CheckTrigger {
    /** The prescription was issued: its lines' planned courses. */
    ISSUE,
    /** Medicine was handed out: the dispensed courses, and the next refill use's planned courses if one follows. */
    DISPENSING,
    /** A dispensing without an electronic prescription was registered: its dispensed courses. */
    RECORD_REGISTRATION,
    /** A registered dispensing was corrected the same day: its new courses, its earlier ones stopped. */
    RECORD_CORRECTION,
    /** A registered dispensing was withdrawn the same day: nothing is checked, its courses stop. */
    RECORD_WITHDRAWAL,
    /** A dispensing was corrected or withdrawn on its day: the courses it changed, checked as a dispensing's. */
    CORRECTION,
    /** An accepted query amended lines: their planned courses, checked as at issue. */
    AMENDMENT
}
