package org.eprescription.query.prescription;

import java.time.LocalDate;

/** When refill use {@code use} may be accepted: from {@code opens} to {@code closes}, around {@code plannedDate}. */
public record RefillWindow(int use, LocalDate plannedDate, LocalDate opens, LocalDate closes) {
}
