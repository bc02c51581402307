package org.eprescription.core.interaction;

/** The step of the lifecycle at which an interaction check ran (docs/alerts.md, "When the check runs"). */
public enum CheckTrigger {
    /** The prescription was issued: its lines' planned courses. */
    ISSUE,
    /** Medicine was handed out: the dispensed courses, and the next refill use's planned courses if one follows. */
    DISPENSING
}
