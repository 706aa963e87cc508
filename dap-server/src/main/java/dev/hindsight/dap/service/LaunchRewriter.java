package dev.hindsight.dap.service;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Gives a {@code launch} (or {@code restart}) request what a stdio adapter's process would have
 * given it: the program runs in the relay's environment and directory, and relative paths mean
 * what they mean there. Only what the client left out is added: an {@code env} (the relay's
 * whole environment, in its order; not for a confined session, whose program gets the sandbox's
 * environment), a {@code cwd} (the relay's; not with inline {@code sources}, which run in the
 * session directory, nor for a trace or a core file); and relative {@code program},
 * {@code sourceFiles}, {@code cwd}, {@code trace} and {@code coreFile} are made absolute against
 * the relay's directory.
 */
final class LaunchRewriter {
    private final RelayHeader header;
    private final boolean confined;

    LaunchRewriter(RelayHeader header, boolean confined) {
        this.header = header;
        this.confined = confined;
    }

    /** The body to send on instead, or null to send the message as it came. */
    byte[] rewrite(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        // Most messages are neither: not worth parsing.
        if (!text.contains("\"launch\"") && !text.contains("\"restart\"")) return null;
        JsonObject message;
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) return null;
            message = e.getAsJsonObject();
        } catch (RuntimeException e) {
            return null; // not JSON: the session answers it as it would any broken message
        }
        if (!"request".equals(string(message, "type"))) return null;
        String command = string(message, "command");
        JsonObject launch;
        if ("launch".equals(command)) {
            launch = object(message, "arguments");
        } else if ("restart".equals(command)) {
            launch = object(object(message, "arguments"), "arguments");
        } else {
            return null;
        }
        try {
            if (launch == null || !complete(launch)) return null;
        } catch (RuntimeException e) {
            return null; // a path that is no path: the session says so as it would
        }
        return message.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Adds what is missing; false when nothing changed. */
    private boolean complete(JsonObject a) {
        boolean changed = false;
        for (String key : List.of("program", "cwd", "trace", "coreFile")) changed |= absolute(a, key);
        if (a.get("sourceFiles") instanceof JsonArray files) {
            for (int i = 0; i < files.size(); i++) {
                String p = files.get(i).isJsonPrimitive() ? files.get(i).getAsString() : null;
                if (p != null && !p.isEmpty() && !Path.of(p).isAbsolute()) {
                    files.set(i, new JsonPrimitive(Path.of(header.cwd()).resolve(p).toString()));
                    changed = true;
                }
            }
        }
        boolean runs = missing(a, "trace") && missing(a, "coreFile");
        if (runs && missing(a, "env") && !confined) {
            JsonObject env = new JsonObject();
            for (String entry : header.environment()) {
                int eq = entry.indexOf('=');
                // As a C program's getenv finds them: the first of a repeated name.
                if (eq > 0 && !env.has(entry.substring(0, eq))) env.addProperty(entry.substring(0, eq), entry.substring(eq + 1));
            }
            a.add("env", env);
            changed = true;
        }
        if (runs && missing(a, "cwd") && missing(a, "sources")) {
            a.addProperty("cwd", header.cwd());
            changed = true;
        }
        return changed;
    }

    private boolean absolute(JsonObject a, String key) {
        if (!(a.get(key) instanceof JsonPrimitive p) || !p.isString() || p.getAsString().isEmpty()) return false;
        if (Path.of(p.getAsString()).isAbsolute()) return false;
        a.addProperty(key, Path.of(header.cwd()).resolve(p.getAsString()).toString());
        return true;
    }

    private static boolean missing(JsonObject o, String key) {
        return o.get(key) == null || o.get(key).isJsonNull();
    }

    private static String string(JsonObject o, String key) {
        return o.get(key) instanceof JsonPrimitive p && p.isString() ? p.getAsString() : null;
    }

    private static JsonObject object(JsonObject o, String key) {
        return o != null && o.get(key) instanceof JsonObject j ? j : null;
    }
}
