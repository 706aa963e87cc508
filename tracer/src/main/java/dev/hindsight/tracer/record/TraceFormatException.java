package dev.hindsight.tracer.record;

/** A trace directory that cannot be used (missing, truncated, corrupt, newer, another machine); the message is for the user. */
public final class TraceFormatException extends RuntimeException {
    public TraceFormatException(String message) {
        super(message);
    }
}
