package org.eprescription.core.interaction;

/** The step of the lifecycle at which an interaction check ran (docs/alerts.md, "When the check runs"). */
public enum CheckTrigger {
    /** The prescription was issued: its lines' planned courses. */
    ISSUE,
    /** Medicine was handed out: the dispensed courses, and the next refill use's planned courses if one follows. */
    DISPENSING,
    /** A dispensing was corrected or withdrawn on its day: the courses it changed, checked as a dispensing's. */
    CORRECTION,
    /** An accepted query amended lines: their planned courses, checked as at issue. */
    AMENDMENT
}
