package dev.hindsight.dap.protocol;

/**
 * Every error the adapter answers with. The number goes into the error response's
 * {@code body.error.id}; clients show the message.
 */
public enum ErrorCode {
    MALFORMED_MESSAGE(1000),
    UNKNOWN_REQUEST(1001),
    INVALID_ARGUMENTS(1002),
    NOT_LAUNCHED(1003),
    NOT_STOPPED(1004),
    PROGRAM_EXITED(1005),
    STALE_REFERENCE(1006),
    COMPILE_FAILED(1007),
    LAUNCH_FAILED(1008),
    NOT_ALLOWED(1009),
    EVALUATION_FAILED(1010),
    NOT_AVAILABLE(1011),
    MEMORY_ERROR(1012),
    CANCELLED(1013),
    INTERNAL(1099);

    private final int id;

    ErrorCode(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }
}
