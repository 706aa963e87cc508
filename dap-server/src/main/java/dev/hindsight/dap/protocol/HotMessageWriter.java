package dev.hindsight.dap.protocol;

import com.google.gson.Gson;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablePresentationHint;
import org.eclipse.lsp4j.debug.VariablesResponse;
import org.eclipse.lsp4j.jsonrpc.debug.messages.DebugNotificationMessage;
import org.eclipse.lsp4j.jsonrpc.debug.messages.DebugResponseMessage;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Message;

/**
 * Writes the messages of an instruction step's round trip (a step's empty response, the
 * {@code stopped} event, {@code stackTrace}, {@code scopes} and {@code variables}) straight into
 * text, the same text LSP4J's gson writes (same keys in the same order, nulls left out, the same
 * escapes), without gson's reflection: a JFR/async-profiler profile of warm round trips found
 * gson's reflective writing of these answers the largest part of the adapter's own CPU. Anything
 * else, or one of these holding a field this writer does not know (a source's checksums, its
 * adapter data), is left to gson: {@link #write} says false. The enum values' texts are gson's
 * own, asked once per value.
 */
final class HotMessageWriter {
    private final Gson gson;
    private final Map<Enum<?>, String> enumTexts = new ConcurrentHashMap<>();

    HotMessageWriter(Gson gson) {
        this.gson = gson;
    }

    /** Appends {@code message} as JSON to {@code out} and returns true, or returns false (nothing appended) when gson must write it. */
    boolean write(Message message, StringBuilder out) {
        int start = out.length();
        if (writeMessage(message, out)) return true;
        out.setLength(start);
        return false;
    }

    private boolean writeMessage(Message message, StringBuilder out) {
        if (message instanceof DebugResponseMessage r) {
            if (r.getError() != null) return false;
            Object body = r.getResult();
            if (body != null && !writable(body)) return false;
            out.append("{\"type\":\"response\",\"seq\":");
            if (!id(r.getRawResponseId(), out)) return false;
            out.append(",\"request_seq\":");
            if (!id(r.getRawId(), out)) return false;
            out.append(",\"command\":");
            string(r.getMethod(), out);
            out.append(",\"success\":true");
            if (body != null) {
                out.append(",\"body\":");
                body(body, out);
            }
            out.append('}');
            return true;
        }
        if (message instanceof DebugNotificationMessage n && n.getParams() instanceof StoppedEventArguments e) {
            out.append("{\"type\":\"event\",\"seq\":");
            if (!id(n.getRawId(), out)) return false;
            out.append(",\"event\":");
            string(n.getMethod(), out);
            out.append(",\"body\":");
            stopped(e, out);
            out.append('}');
            return true;
        }
        return false;
    }

    private static boolean writable(Object body) {
        if (body instanceof StackTraceResponse s) {
            if (s.getStackFrames() == null) return true;
            for (StackFrame f : s.getStackFrames()) if (f == null || !plain(f.getSource())) return false;
            return true;
        }
        if (body instanceof ScopesResponse s) {
            if (s.getScopes() == null) return true;
            for (Scope scope : s.getScopes()) if (scope == null || !plain(scope.getSource())) return false;
            return true;
        }
        if (body instanceof VariablesResponse v) {
            if (v.getVariables() == null) return true;
            for (Variable var : v.getVariables()) if (var == null) return false;
            return true;
        }
        return false;
    }

    /** A source without nested sources, adapter data or checksums (which gson writes). */
    private static boolean plain(Source s) {
        return s == null || s.getSources() == null && s.getAdapterData() == null && s.getChecksums() == null;
    }

    private void body(Object body, StringBuilder out) {
        if (body instanceof StackTraceResponse s) stackTrace(s, out);
        else if (body instanceof ScopesResponse s) scopes(s, out);
        else variables((VariablesResponse) body, out);
    }

    /** A message's seq: a number, or a numeric string written as a number (LSP4J's writeIntId). */
    private static boolean id(Either<String, Number> id, StringBuilder out) {
        if (id == null) {
            out.append("null");
            return true;
        }
        if (id.isLeft()) {
            try {
                out.append(Integer.parseInt(id.getLeft()));
            } catch (NumberFormatException e) {
                return false;
            }
            return true;
        }
        Number n = id.getRight();
        if (!(n instanceof Integer || n instanceof Long)) return false;
        out.append(n.longValue());
        return true;
    }

    private void stopped(StoppedEventArguments e, StringBuilder out) {
        Fields f = new Fields(out);
        f.string("reason", e.getReason());
        f.string("description", e.getDescription());
        f.number("threadId", e.getThreadId());
        f.bool("preserveFocusHint", e.getPreserveFocusHint());
        f.string("text", e.getText());
        f.bool("allThreadsStopped", e.getAllThreadsStopped());
        f.array("hitBreakpointIds", e.getHitBreakpointIds(), (id, o) -> o.append(id.intValue()));
        f.end();
    }

    private void stackTrace(StackTraceResponse r, StringBuilder out) {
        Fields f = new Fields(out);
        f.array("stackFrames", r.getStackFrames(), this::frame);
        f.number("totalFrames", r.getTotalFrames());
        f.end();
    }

    private void frame(StackFrame s, StringBuilder out) {
        Fields f = new Fields(out);
        f.number("id", s.getId());
        f.string("name", s.getName());
        f.object("source", s.getSource(), this::source);
        f.number("line", s.getLine());
        f.number("column", s.getColumn());
        f.number("endLine", s.getEndLine());
        f.number("endColumn", s.getEndColumn());
        f.bool("canRestart", s.getCanRestart());
        f.string("instructionPointerReference", s.getInstructionPointerReference());
        Either<Integer, String> module = s.getModuleId();
        if (module != null && (module.isLeft() || module.isRight())) {
            f.name("moduleId");
            if (module.isLeft()) number(module.getLeft(), out);
            else string(module.getRight(), out);
        }
        f.enumeration("presentationHint", s.getPresentationHint());
        f.end();
    }

    private void source(Source s, StringBuilder out) {
        Fields f = new Fields(out);
        f.string("name", s.getName());
        f.string("path", s.getPath());
        f.number("sourceReference", s.getSourceReference());
        f.enumeration("presentationHint", s.getPresentationHint());
        f.string("origin", s.getOrigin());
        f.end();
    }

    private void scopes(ScopesResponse r, StringBuilder out) {
        Fields f = new Fields(out);
        f.array("scopes", r.getScopes(), this::scope);
        f.end();
    }

    private void scope(Scope s, StringBuilder out) {
        Fields f = new Fields(out);
        f.string("name", s.getName());
        f.string("presentationHint", s.getPresentationHint());
        f.number("variablesReference", s.getVariablesReference());
        f.number("namedVariables", s.getNamedVariables());
        f.number("indexedVariables", s.getIndexedVariables());
        f.bool("expensive", s.isExpensive());
        f.object("source", s.getSource(), this::source);
        f.number("line", s.getLine());
        f.number("column", s.getColumn());
        f.number("endLine", s.getEndLine());
        f.number("endColumn", s.getEndColumn());
        f.end();
    }

    private void variables(VariablesResponse r, StringBuilder out) {
        Fields f = new Fields(out);
        f.array("variables", r.getVariables(), this::variable);
        f.end();
    }

    private void variable(Variable v, StringBuilder out) {
        Fields f = new Fields(out);
        f.string("name", v.getName());
        f.string("value", v.getValue());
        f.string("type", v.getType());
        f.object("presentationHint", v.getPresentationHint(), this::hint);
        f.string("evaluateName", v.getEvaluateName());
        f.number("variablesReference", v.getVariablesReference());
        f.number("namedVariables", v.getNamedVariables());
        f.number("indexedVariables", v.getIndexedVariables());
        f.string("memoryReference", v.getMemoryReference());
        f.number("declarationLocationReference", v.getDeclarationLocationReference());
        f.number("valueLocationReference", v.getValueLocationReference());
        f.end();
    }

    private void hint(VariablePresentationHint hint, StringBuilder out) {
        Fields h = new Fields(out);
        h.string("kind", hint.getKind());
        h.array("attributes", hint.getAttributes(), HotMessageWriter::string);
        h.string("visibility", hint.getVisibility());
        h.bool("lazy", hint.getLazy());
        h.end();
    }

    private static void number(Integer n, StringBuilder out) {
        out.append(n.intValue());
    }

    /** A JSON object's members, each after a comma but the first; null values are left out (as gson does). */
    private final class Fields {
        private final StringBuilder out;
        private boolean first = true;

        Fields(StringBuilder out) {
            this.out = out;
            out.append('{');
        }

        void name(String name) {
            if (!first) out.append(',');
            first = false;
            out.append('"').append(name).append("\":");
        }

        /** An object field (none when null), written by {@code writer}. */
        <T> void object(String name, T value, java.util.function.BiConsumer<T, StringBuilder> writer) {
            if (value == null) return;
            name(name);
            writer.accept(value, out);
        }

        /** An array field (none when null): each element by {@code element}, a null one as gson writes it. */
        <T> void array(String name, T[] items, java.util.function.BiConsumer<T, StringBuilder> element) {
            if (items == null) return;
            name(name);
            out.append('[');
            for (int i = 0; i < items.length; i++) {
                if (i > 0) out.append(',');
                if (items[i] == null) out.append("null");
                else element.accept(items[i], out);
            }
            out.append(']');
        }

        void string(String name, String value) {
            if (value == null) return;
            name(name);
            HotMessageWriter.string(value, out);
        }

        void number(String name, Integer value) {
            if (value == null) return;
            name(name);
            out.append(value.intValue());
        }

        void number(String name, int value) {
            name(name);
            out.append(value);
        }

        void bool(String name, Boolean value) {
            if (value == null) return;
            name(name);
            out.append(value.booleanValue());
        }

        void enumeration(String name, Enum<?> value) {
            if (value == null) return;
            name(name);
            out.append(enumTexts.computeIfAbsent(value, gson::toJson));
        }

        void end() {
            out.append('}');
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * A JSON string as gson's JsonWriter writes it by default (HTML-safe): quotes, backslashes and
     * control characters escaped (\t \b \n \r \f by name, the rest as a backslash, u and four hex digits), and so are
     * U+2028, U+2029 and {@code < > & = '}.
     */
    static void string(String s, StringBuilder out) {
        if (s == null) {
            out.append("null");
            return;
        }
        out.append('"');
        int last = 0, n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String replacement;
            if (c < 0x20) {
                replacement = switch (c) {
                    case '\t' -> "\\t";
                    case '\b' -> "\\b";
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\f' -> "\\f";
                    default -> null;
                };
                if (replacement == null) {
                    out.append(s, last, i).append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    last = i + 1;
                    continue;
                }
            } else if (c == '"') {
                replacement = "\\\"";
            } else if (c == '\\') {
                replacement = "\\\\";
            } else if (c == '<' || c == '>' || c == '&' || c == '=' || c == '\'') {
                out.append(s, last, i).append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                last = i + 1;
                continue;
            } else if (c == '\u2028') {
                replacement = "\\u2028";
            } else if (c == '\u2029') {
                replacement = "\\u2029";
            } else {
                continue;
            }
            out.append(s, last, i).append(replacement);
            last = i + 1;
        }
        out.append(s, last, n).append('"');
    }
}
