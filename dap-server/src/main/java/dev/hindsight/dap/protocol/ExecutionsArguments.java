package dev.hindsight.dap.protocol;

import java.util.List;
import org.eclipse.lsp4j.debug.Source;

/**
 * Arguments of {@code hindsight/executions}: what ran — a {@code source} and {@code line}, a
 * {@code function} (its entry) or an {@code address} ({@code 0x…}) — the {@code expressions} to
 * evaluate at each execution (innermost frame), and the page: {@code start} (0-based) and
 * {@code count} executions.
 */
public record ExecutionsArguments(Source source, Integer line, String function, String address, List<String> expressions,
                                  Integer start, Integer count) { }
