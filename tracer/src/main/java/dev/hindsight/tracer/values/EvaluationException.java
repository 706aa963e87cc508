package dev.hindsight.tracer.values;

/** An expression that cannot be evaluated or a value that cannot be written; the message says why, for the user. */
public class EvaluationException extends RuntimeException {
    public EvaluationException(String message) {
        super(message);
    }
}
