package dev.hindsight.tracer.dwarf;

/**
 * Malformed or truncated DWARF. Unchecked because it can surface from lazily decoded data; callers that walk
 * many units catch it per unit so that one broken unit does not hide the others.
 */
public class DwarfFormatException extends RuntimeException {
    public DwarfFormatException(String message) {
        super(message);
    }

    public DwarfFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
