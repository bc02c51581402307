package org.eprescription.core.interaction;

/** Where a medication course stands: planned (issued, not yet dispensed), dispensed, or no longer counting. */
public enum CourseStatus {
    PLANNED, DISPENSED, STOPPED
}
