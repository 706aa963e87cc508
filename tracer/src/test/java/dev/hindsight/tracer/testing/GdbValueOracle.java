package dev.hindsight.tracer.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * gdb as the oracle for values: stops at {@code file:line}, and for the innermost frames records
 * every local and argument (name, value as {@code info locals} prints it, type as {@code whatis}
 * names it) and what {@code print} says for a list of expressions.
 */
public final class GdbValueOracle {
    /** One variable as gdb shows it; {@code type} is null for a shadowed name (whatis sees the innermost). */
    public record Entry(String name, String value, String type) {}

    /** One frame: its function, locals innermost block first (shadowed ones included), arguments, printed expressions. */
    public record FrameView(String function, List<Entry> locals, List<Entry> args, Map<String, String> prints) {}

    private GdbValueOracle() {}

    /** Frames 0 .. {@code frames-1} at the first stop at {@code location}; {@code prints} are evaluated in frame 0. */
    public static List<FrameView> at(Path binary, String location, int frames, List<String> prints) throws IOException {
        return at(binary, location, 0, frames, prints);
    }

    /** The same for thread {@code thread} as gdb numbers them (1 the main thread, 2 the first one created); 0 the one that stopped. */
    public static List<FrameView> at(Path binary, String location, int thread, int frames, List<String> prints)
            throws IOException {
        Path dir = Files.createTempDirectory("hindsight-gdb-values");
        try {
            Path out = dir.resolve("frames.json");
            Path script = dir.resolve("oracle.py");
            Path exprs = dir.resolve("exprs.json");
            ObjectMapper json = new ObjectMapper();
            Files.writeString(exprs, json.writeValueAsString(prints));
            Files.writeString(script, script(out, exprs, location, thread, frames));
            String log = Commands.output(List.of("env", "-u", "LINES", "-u", "COLUMNS", "gdb", "-nx", "-batch",
                    "-x", script.toString(), binary.toString()));
            if (!Files.exists(out)) throw new IllegalStateException("gdb recorded nothing: " + log);
            List<FrameView> views = new ArrayList<>();
            for (Object f : json.readValue(out.toFile(), List.class)) {
                Map<?, ?> m = (Map<?, ?>) f;
                Map<String, String> printed = new LinkedHashMap<>();
                ((Map<?, ?>) m.get("prints")).forEach((k, v) -> printed.put((String) k, (String) v));
                views.add(new FrameView((String) m.get("function"), entries(m.get("locals")), entries(m.get("args")), printed));
            }
            return views;
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static List<Entry> entries(Object list) {
        List<Entry> out = new ArrayList<>();
        for (Object o : (List<?>) list) {
            List<?> e = (List<?>) o;
            out.add(new Entry((String) e.get(0), (String) e.get(1), (String) e.get(2)));
        }
        return out;
    }

    private static String script(Path out, Path exprs, String location, int thread, int frames) {
        return String.join("\n",
                GdbSourceOracle.prelude(location),
                "import re",
                "def whatis(name):",
                "    try:",
                "        return gdb.execute('whatis ' + name, to_string=True).strip()[len('type = '):]",
                "    except gdb.error as e:",
                "        return '<error: %s>' % e",
                "def entries(frame, arguments):",
                "    out, seen = [], set()",
                "    block = frame.block()",
                "    while block is not None:",
                "        for sym in block:",
                "            if not (sym.is_variable or sym.is_argument or sym.addr_class == gdb.SYMBOL_LOC_CONST) or sym.is_argument != arguments:",
                "                continue",
                "            try:",
                "                v = sym.value(frame).format_string(deref_refs=True)",
                "            except Exception as e:",
                "                v = '<error: %s>' % e",
                "            out.append([sym.name, v, None if sym.name in seen else whatis(sym.name)])",
                "            seen.add(sym.name)",
                "        if block.function is not None:",
                "            break",
                "        block = block.superblock",
                "    return out",
                "def printed(expr):",
                "    try:",
                "        s = re.sub(r'warning: [^\\n]*\\n', '', gdb.execute('print ' + expr, to_string=True))",
                "        return s[s.index(' = ') + 3:].rstrip('\\n')",
                "    except gdb.error as e:",
                "        return 'error: %s' % e",
                "exprs = json.load(open('" + exprs + "'))",
                "views = []",
                "if " + thread + ":",
                "    gdb.execute('thread " + thread + "', to_string=True)",
                "frame = gdb.selected_frame()",
                "for i in range(" + frames + "):",
                "    if frame is None:",
                "        break",
                "    frame.select()",
                "    views.append({'function': frame.name(), 'locals': entries(frame, False), 'args': entries(frame, True),",
                "                  'prints': {e: printed(e) for e in exprs} if i == 0 else {}})",
                "    frame = frame.older()",
                "with open('" + out + "', 'w') as f:",
                "    json.dump(views, f)",
                "gdb.execute('kill', to_string=True)",
                "");
    }
}
