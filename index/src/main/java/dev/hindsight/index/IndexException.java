package dev.hindsight.index;

/**
 * Why an index cannot be written or read, in a sentence meant for the user (missing, half
 * written, corrupt, from a newer Hindsight). Unchecked: no caller can do more than report it.
 */
public class IndexException extends RuntimeException {
    public IndexException(String message) {
        super(message);
    }

    public IndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
