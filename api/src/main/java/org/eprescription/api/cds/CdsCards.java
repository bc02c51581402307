package org.eprescription.api.cds;

import java.util.List;

/** The answer of a CDS Hooks service: one card per alert (CDS Hooks 2.0, "Card attributes"). */
public record CdsCards(List<Card> cards) {

    /** {@code indicator} is {@code critical} or {@code warning}; {@code detail} is GitHub-flavoured Markdown. */
    public record Card(String uuid, String summary, String detail, String indicator, Source source,
                       List<Coding> overrideReasons) {
    }

    public record Source(String label) {
    }

    public record Coding(String code, String system, String display) {
    }
}
