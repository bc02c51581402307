package org.eprescription.api.audit;

/**
 * One row of the event table as stored: the payload and metadata are the serializer's JSON bytes, untouched.
 *
 * @param timestamp the stored ISO-8601 text
 */
public record StoredEvent(long globalIndex, String aggregateId, long sequence, String payloadType, String timestamp,
                          byte[] payload, byte[] metadata) {

    /** The event's simple class name, e.g. {@code PrescriptionIssued}. */
    public String type() {
        return simpleName(payloadType);
    }

    static String simpleName(String className) {
        return className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
    }
}
