package org.eprescription.bench.common;

/**
 * One answer of the exchange: its status (-1 when none came: the body is then "ExceptionName: message"), its body,
 * when the request was sent and when the answer's last bytes arrived ({@link System#nanoTime()}).
 */
public record Answer(int status, String body, long startNanos, long endNanos) {

    public static Answer failed(Exception e, long startNanos) {
        return new Answer(-1, e.getClass().getSimpleName() + ": " + e.getMessage(), startNanos, System.nanoTime());
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public boolean failed() {
        return status == -1;
    }

    /** How an error is counted: the status, or the exception's name when no answer came. */
    public String errorKey() {
        return failed() ? body.substring(0, Math.max(0, body.indexOf(':'))) : Integer.toString(status);
    }

    public long micros() {
        return (endNanos - startNanos) / 1_000;
    }
}
