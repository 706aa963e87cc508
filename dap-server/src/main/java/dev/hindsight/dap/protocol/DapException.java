package dev.hindsight.dap.protocol;

/** A request failed for a reason the user should read; becomes an error response. */
public final class DapException extends RuntimeException {
    private final ErrorCode code;

    public DapException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public DapException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
