package dev.hindsight.tracer.record;

/** The program did something a recording cannot capture exactly (a thread, an unknown system call); the message says what. */
public final class RecordingRefused extends RuntimeException {
    public RecordingRefused(String message) {
        super(message);
    }
}
