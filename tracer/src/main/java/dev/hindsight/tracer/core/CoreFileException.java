package dev.hindsight.tracer.core;

/** A file that cannot be debugged as a core dump; the message says why, in words a user reads. */
public final class CoreFileException extends RuntimeException {
    public CoreFileException(String message) {
        super(message);
    }
}
