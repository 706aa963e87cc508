package dev.hindsight.tracer;

/**
 * Receives session events. Called on engine or pump threads: hand work off rather than calling
 * back into the {@link Target} synchronously from here.
 */
@FunctionalInterface
public interface TargetListener {
    void onEvent(TargetEvent event);
}
