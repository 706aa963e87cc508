package dev.hindsight.dap.protocol;

import com.google.gson.Gson;
import com.google.gson.JsonPrimitive;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.SteppingGranularity;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesArgumentsFilter;
import org.eclipse.lsp4j.jsonrpc.debug.messages.DebugRequestMessage;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;

/**
 * Reads the requests of an instruction step's round trip ({@code stepIn}, {@code stackTrace},
 * {@code scopes}, {@code variables}) into the same message LSP4J's gson makes of them, without
 * gson: the reading side of {@link HotMessageWriter}. A JFR profile of warm round trips put LSP4J's
 * parsing of these requests at about a tenth of the reader thread's samples (gson's JsonReader, its
 * type adapters' lookups, a StringReader per message).
 *
 * <p>It reads strict JSON only, and only what these requests hold in practice: the top-level
 * {@code seq}, {@code type} ("request"), {@code command} and then {@code arguments} with the
 * request's own fields, numbers as plain integers that fit an int, strings without escapes,
 * {@code true}/{@code false}. Anything else (an escape, a fraction, a null, an unknown or repeated
 * key, {@code arguments} before {@code command}, a {@code format}, trailing text, broken JSON) makes
 * {@link #read} return null and the message goes to LSP4J, whose answers (and errors) stay the
 * reference: {@code HotRequestReaderTest} compares both on many messages. The enums' texts are
 * gson's own, asked once.
 */
final class HotRequestReader {
    /** Thrown (without a stack) to leave a message to LSP4J. */
    private static final RuntimeException NOT_HOT = new RuntimeException("not a hot request", null, false, false) { };

    private final MessageJsonHandler handler;
    private final Map<String, SteppingGranularity> granularities = new HashMap<>();
    private final Map<String, VariablesArgumentsFilter> filters = new HashMap<>();
    /** The commands whose parameter type LSP4J reads is the one made here (all four, unless a method is replaced). */
    private final java.util.Set<String> commands = new java.util.HashSet<>();

    HotRequestReader(MessageJsonHandler handler) {
        this.handler = handler;
        Gson gson = handler.getGson();
        for (SteppingGranularity g : SteppingGranularity.values()) granularities.put(wire(gson, g), g);
        for (VariablesArgumentsFilter f : VariablesArgumentsFilter.values()) filters.put(wire(gson, f), f);
        Map<String, Class<?>> types = Map.of("stepIn", StepInArguments.class, "stackTrace", StackTraceArguments.class,
                "scopes", ScopesArguments.class, "variables", VariablesArguments.class);
        types.forEach((command, type) -> {
            var method = handler.getJsonRpcMethod(command);
            if (method != null && method.getParameterTypes().length == 1 && method.getParameterTypes()[0] == type) {
                commands.add(command);
            }
        });
    }

    private static String wire(Gson gson, Enum<?> value) {
        return ((JsonPrimitive) gson.toJsonTree(value)).getAsString();
    }

    /** The request LSP4J would make of {@code json}, or null when LSP4J must read it. */
    DebugRequestMessage read(String json) {
        try {
            return new Parse(json).request();
        } catch (RuntimeException e) { // NOT_HOT, or an index past the end of a truncated message
            return null;
        }
    }

    /** One message's reading: its text and the position in it. */
    private final class Parse {
        private final String text;
        private int at;

        Parse(String text) {
            this.text = text;
        }

        private DebugRequestMessage request() {
            expect('{');
            Integer seq = null;
            String type = null, command = null;
            Object arguments = null;
            boolean first = true;
            while (true) {
                if (!first && !comma()) break;
                first = false;
                String key = string();
                expect(':');
                switch (key) {
                    case "seq" -> {
                        if (seq != null) throw NOT_HOT;
                        seq = integer();
                    }
                    case "type" -> {
                        if (type != null) throw NOT_HOT;
                        type = string();
                    }
                    case "command" -> {
                        if (command != null) throw NOT_HOT;
                        command = string();
                    }
                    case "arguments" -> {
                        if (arguments != null || command == null || !commands.contains(command)) throw NOT_HOT;
                        arguments = arguments(command);
                    }
                    default -> throw NOT_HOT;
                }
            }
            expect('}');
            space();
            if (at != text.length() || seq == null || !"request".equals(type) || arguments == null) throw NOT_HOT;
            DebugRequestMessage m = new DebugRequestMessage();
            m.setJsonHandler(handler);
            m.setId(seq.intValue());
            m.setMethod(command);
            m.setParams(arguments);
            return m;
        }

        private Object arguments(String command) {
            expect('{');
            switch (command) {
                case "stepIn" -> {
                    StepInArguments a = new StepInArguments();
                    fields(key -> {
                        switch (key) {
                            case "threadId" -> a.setThreadId(integer());
                            case "singleThread" -> a.setSingleThread(bool());
                            case "targetId" -> a.setTargetId(integer());
                            case "granularity" -> a.setGranularity(known(granularities, string()));
                            default -> throw NOT_HOT;
                        }
                    });
                    return a;
                }
                case "stackTrace" -> {
                    StackTraceArguments a = new StackTraceArguments();
                    fields(key -> {
                        switch (key) {
                            case "threadId" -> a.setThreadId(integer());
                            case "startFrame" -> a.setStartFrame(integer());
                            case "levels" -> a.setLevels(integer());
                            default -> throw NOT_HOT;
                        }
                    });
                    return a;
                }
                case "scopes" -> {
                    ScopesArguments a = new ScopesArguments();
                    fields(key -> {
                        if (!key.equals("frameId")) throw NOT_HOT;
                        a.setFrameId(integer());
                    });
                    return a;
                }
                case "variables" -> {
                    VariablesArguments a = new VariablesArguments();
                    fields(key -> {
                        switch (key) {
                            case "variablesReference" -> a.setVariablesReference(integer());
                            case "filter" -> a.setFilter(known(filters, string()));
                            case "start" -> a.setStart(integer());
                            case "count" -> a.setCount(integer());
                            default -> throw NOT_HOT;
                        }
                    });
                    return a;
                }
                default -> throw NOT_HOT;
            }
        }

        /** Reads an object's fields up to its closing brace ({@code {} already read), each key once. */
        private void fields(java.util.function.Consumer<String> field) {
            space();
            if (peek() == '}') {
                at++;
                return;
            }
            String[] seen = new String[4]; // no hot request has more fields (a fifth is unknown anyway)
            int fields = 0;
            do {
                String key = string();
                for (int i = 0; i < fields; i++) {
                    if (seen[i].equals(key)) throw NOT_HOT;
                }
                if (fields == seen.length) throw NOT_HOT;
                seen[fields++] = key;
                expect(':');
                field.accept(key);
            } while (comma());
            expect('}');
        }

        private static <T> T known(Map<String, T> values, String wire) {
            T v = values.get(wire);
            if (v == null) throw NOT_HOT;
            return v;
        }

        /** True after a comma, false (nothing consumed but space) before anything else. */
        private boolean comma() {
            space();
            if (peek() != ',') return false;
            at++;
            return true;
        }

        private void expect(char c) {
            space();
            if (peek() != c) throw NOT_HOT;
            at++;
        }

        private char peek() {
            return at < text.length() ? text.charAt(at) : 0;
        }

        private void space() {
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
                at++;
            }
        }

        /** A string without escapes or control characters. */
        private String string() {
            expect('"');
            int start = at;
            while (true) {
                char c = text.charAt(at);
                if (c == '"') break;
                if (c == '\\' || c < 0x20) throw NOT_HOT;
                at++;
            }
            return text.substring(start, at++);
        }

        /** An integer as JSON writes it (no leading zeros, no fraction or exponent) that fits an int. */
        private int integer() {
            space();
            boolean negative = peek() == '-';
            if (negative) at++;
            int start = at;
            long value = 0;
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c < '0' || c > '9') break;
                value = value * 10 + (c - '0');
                if (at - start >= 10) throw NOT_HOT;
                at++;
            }
            int digits = at - start;
            if (digits == 0 || digits > 1 && text.charAt(start) == '0') throw NOT_HOT;
            char next = peek();
            if (next == '.' || next == 'e' || next == 'E') throw NOT_HOT;
            value = negative ? -value : value;
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) throw NOT_HOT;
            return (int) value;
        }

        private Boolean bool() {
            space();
            if (text.startsWith("true", at)) {
                at += 4;
                return Boolean.TRUE;
            }
            if (text.startsWith("false", at)) {
                at += 5;
                return Boolean.FALSE;
            }
            throw NOT_HOT;
        }
    }
}
