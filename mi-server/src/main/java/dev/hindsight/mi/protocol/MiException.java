package dev.hindsight.mi.protocol;

/** A command failed: answered {@code ^error,msg="message"} (with gdb's {@code code} when it has one). */
public class MiException extends RuntimeException {
    private final String code;

    public MiException(String message) {
        this(message, null);
    }

    public MiException(String message, String code) {
        super(message);
        this.code = code;
    }

    /** gdb's error code ({@code undefined-command}), or null. */
    public String code() {
        return code;
    }
}
