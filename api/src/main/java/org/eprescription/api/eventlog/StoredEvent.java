package org.eprescription.api.eventlog;

/**
 * One stored event as the exports write it: the payload and metadata are the event serializer's JSON bytes.
 *
 * @param aggregateId the prescription's (or the patient consent's) id
 * @param payloadType the payload's class name as serialized
 * @param timestamp   the ISO-8601 text of the instant the event was stored
 * @param revision    the revision of the payload's shape as written here (null: none recorded)
 */
public record StoredEvent(long globalIndex, String aggregateId, long sequence, String payloadType, String timestamp,
                          byte[] payload, byte[] metadata, String revision) {

    /** The event's simple class name, e.g. {@code PrescriptionIssued}. */
    public String type() {
        return simpleName(payloadType);
    }

    static String simpleName(String className) {
        return className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
    }
}
