package dev.hindsight.tracer.replay;

/** The replay stopped matching its recording; the message says where and how. The replay is then killed. */
public final class ReplayDivergence extends RuntimeException {
    public ReplayDivergence(String message) {
        super(message);
    }
}
