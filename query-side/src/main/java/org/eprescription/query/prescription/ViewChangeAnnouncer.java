package org.eprescription.query.prescription;

/** Tells the other nodes that this node's projection changed a prescription view. */
@FunctionalInterface
public interface ViewChangeAnnouncer {

    /** For a projection whose changes no other node needs to hear of (a rebuild into scratch tables, a test). */
    ViewChangeAnnouncer NONE = notice -> {
    };

    void announce(ViewChangeNotice notice);
}
