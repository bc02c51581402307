package org.eprescription.core.interaction;

/** How serious an alert is (docs/domain.md, "Duplicate and interaction alerts"). */
public enum Severity {
    HIGH, MODERATE
}
