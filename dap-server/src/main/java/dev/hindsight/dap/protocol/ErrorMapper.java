package dev.hindsight.dap.protocol;

import dev.hindsight.tracer.LaunchException;
import dev.hindsight.tracer.TargetStateException;
import dev.hindsight.tracer.values.EvaluationException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns whatever a handler threw into a DAP error response with a message a user can act on. */
public final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {}

    public static ResponseError toResponseError(Throwable thrown) {
        Throwable t = unwrap(thrown);
        if (t instanceof ResponseErrorException r) return r.getResponseError();
        ErrorCode code;
        String message = t.getMessage();
        if (t instanceof DapException d) {
            code = d.code();
        } else if (t instanceof TargetStateException) {
            code = message != null && message.contains("exited") ? ErrorCode.PROGRAM_EXITED : ErrorCode.NOT_STOPPED;
        } else if (t instanceof EvaluationException) {
            code = ErrorCode.EVALUATION_FAILED;
        } else if (t instanceof UnsupportedOperationException) {
            code = ErrorCode.NOT_AVAILABLE;
            message = "not available in this version of Hindsight: " + message;
        } else if (t instanceof LaunchException) {
            code = ErrorCode.LAUNCH_FAILED;
        } else if (t instanceof IllegalArgumentException || t instanceof IllegalStateException) {
            code = ErrorCode.INVALID_ARGUMENTS;
        } else {
            LOG.warn("request failed unexpectedly", t);
            code = ErrorCode.INTERNAL;
            message = "internal error: " + t;
        }
        return error(code, message == null ? t.getClass().getSimpleName() : message);
    }

    /** A DAP error: {@code message} at top level and {@code body.error} as the protocol's Message. */
    public static ResponseError error(ErrorCode code, String message) {
        Map<String, Object> body = Map.of("error", Map.of("id", code.id(), "format", message.replace('{', '(').replace('}', ')'),
                "showUser", false));
        return new ResponseError(code.id(), message, body);
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.lang.reflect.InvocationTargetException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
