package dev.hindsight.tracer.confine;

/** The sandbox cannot be set up; the message says what is missing, in a user's words. */
public final class ConfinementException extends RuntimeException {
    public ConfinementException(String message) {
        super(message);
    }
}
