package org.eprescription.core.catalogue;

import java.util.Locale;

/** How a drug is given; Japan's duplicate rule compares ingredients only within one route. */
public enum Route {
    ORAL, INJECTION, TOPICAL;

    public static Route parse(String text) {
        return Route.valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
}
