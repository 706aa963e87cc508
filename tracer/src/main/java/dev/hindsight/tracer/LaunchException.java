package dev.hindsight.tracer;

/** The program could not be started; the message says why in words a user can act on. */
public final class LaunchException extends RuntimeException {
    public LaunchException(String message) {
        super(message);
    }

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
