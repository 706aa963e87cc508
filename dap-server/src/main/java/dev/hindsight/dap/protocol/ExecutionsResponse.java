package dev.hindsight.dap.protocol;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code hindsight/executions}: {@code total} executions, and the requested page of
 * them in time order, each with its time and every expression's value then (or the reason it had
 * none, as {@code evaluate} would answer it).
 */
public record ExecutionsResponse(long total, List<Execution> executions) {
    public record Execution(long time, Map<String, String> values) { }
}
