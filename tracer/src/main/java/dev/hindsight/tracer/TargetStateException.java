package dev.hindsight.tracer;

/** A request that the program's current state does not allow (e.g. stepping while it runs). */
public final class TargetStateException extends RuntimeException {
    public TargetStateException(String message) {
        super(message);
    }
}
