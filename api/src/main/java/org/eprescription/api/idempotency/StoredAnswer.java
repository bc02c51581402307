package org.eprescription.api.idempotency;

/**
 * The first answer to an idempotent request, as it is replayed to every retry: with whether its view was built from the
 * prescription's own events (AnswerMarks.ANSWERED_FROM_EVENTS), which the replay says again.
 */
record StoredAnswer(int status, String contentType, byte[] body, String location, boolean answeredFromEvents) {

    StoredAnswer(int status, String contentType, byte[] body, String location) {
        this(status, contentType, body, location, false);
    }

    /**
     * Successes and refusals are kept. Server errors are not: the request did not happen (or may not have), so a
     * retry runs for real; except when the request recorded its command (AnswerMarks): then any answer is kept.
     * Nor is 429: it refuses for a while, not for good, and a retry after that must run; nor a refusal that invites
     * the same request again (AnswerMarks: a concurrent change).
     */
    static boolean worthKeeping(int status) {
        return (status >= 200 && status < 300) || (status >= 400 && status < 500 && status != 429);
    }
}
