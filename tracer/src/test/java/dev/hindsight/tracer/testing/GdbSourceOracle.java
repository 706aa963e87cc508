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
 * gdb as the oracle for source-level debugging: from a breakpoint location, repeats {@code next}
 * or {@code step} and records, for every stop, the function, file, line, the locals in scope as
 * gdb prints them, and the backtrace's function names.
 */
public final class GdbSourceOracle {
    /** One stop as gdb reports it. */
    public record Stop(String function, String file, int line, Map<String, String> locals, List<String> backtrace) {}

    private GdbSourceOracle() {}

    /** Stops from {@code breakAt} (gdb syntax: {@code main}, {@code file.c:12}) for up to {@code count} commands. */
    public static List<Stop> run(Path binary, String breakAt, String command, int count) throws IOException {
        return run(binary, breakAt, command, count, List.of());
    }

    /**
     * gdb settings that hide every library's debug information (no separate debug files, no
     * debuginfod), so that only the program itself has lines, whatever debug packages the machine has.
     */
    public static final List<String> PROGRAM_LINES_ONLY = List.of("set debug-file-directory /nonexistent",
            "set debuginfod enabled off");

    /** As {@link #run(Path, String, String, int)}, with gdb {@code settings} made before the program starts. */
    public static List<Stop> run(Path binary, String breakAt, String command, int count, List<String> settings) throws IOException {
        return runToEnd(binary, breakAt, command, count, settings).stops();
    }

    /** The stops, and whether the program had exited when they ended. */
    public record Run(List<Stop> stops, boolean exited) {}

    public static Run runToEnd(Path binary, String breakAt, String command, int count, List<String> settings) throws IOException {
        Path dir = Files.createTempDirectory("hindsight-gdb-src");
        try {
            Path out = dir.resolve("stops.jsonl");
            Path script = dir.resolve("oracle.py");
            Files.writeString(script, script(out, breakAt, command, count, settings));
            String log = Commands.output(List.of("env", "-u", "LINES", "-u", "COLUMNS", "gdb", "-nx", "-batch", "-x", script.toString(), binary.toString()));
            if (!Files.exists(out)) throw new IllegalStateException("gdb recorded nothing: " + log);
            ObjectMapper json = new ObjectMapper();
            List<Stop> stops = new ArrayList<>();
            for (String line : Files.readAllLines(out)) {
                Map<?, ?> m = json.readValue(line, Map.class);
                Map<String, String> locals = new LinkedHashMap<>();
                ((Map<?, ?>) m.get("locals")).forEach((k, v) -> locals.put((String) k, (String) v));
                List<String> bt = new ArrayList<>();
                ((List<?>) m.get("bt")).forEach(f -> bt.add((String) f));
                stops.add(new Stop((String) m.get("function"), (String) m.get("file"), ((Number) m.get("line")).intValue(), locals, bt));
            }
            Path exited = Path.of(out + ".exited");
            return new Run(stops, Files.exists(exited) && Files.readString(exited).trim().equals("1"));
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /**
     * The start of an oracle script: gdb settings, a breakpoint, and a run whose program sees the
     * environment (and so the stack addresses) a program launched by Hindsight from this JVM sees.
     */
    static String prelude(String breakAt) {
        return prelude(breakAt, List.of());
    }

    private static String prelude(String breakAt, List<String> settings) {
        StringBuilder extra = new StringBuilder();
        for (String s : settings) extra.append("'").append(s).append("', ");
        return String.join("\n",
                "import gdb, json",
                "for c in [" + extra + "'set pagination off', 'set confirm off', 'set breakpoint pending on', 'set print pretty off', 'set width 0', 'set charset ASCII',",
                "          'set startup-with-shell off', 'unset environment LINES', 'unset environment COLUMNS',",
                "          'break " + breakAt + "', 'run']:",
                "    gdb.execute(c, to_string=True)");
    }

    private static String script(Path out, String breakAt, String command, int count, List<String> settings) {
        return String.join("\n",
                prelude(breakAt, settings),
                "def locals_of(frame):",
                "    seen = {}",
                "    try:",
                "        block = frame.block()",
                "    except RuntimeError:",
                "        return seen",
                "    while block is not None:",
                "        for sym in block:",
                "            if (sym.is_variable or sym.is_argument or sym.addr_class == gdb.SYMBOL_LOC_CONST) and sym.name not in seen:",
                "                try:",
                "                    seen[sym.name] = sym.value(frame).format_string(deref_refs=True)",
                "                except Exception as e:",
                "                    seen[sym.name] = '<error: %s>' % e",
                "        if block.function is not None:",
                "            break",
                "        block = block.superblock",
                "    return seen",
                "def backtrace(frame):",
                "    names = []",
                "    while frame is not None:",
                "        names.append(frame.name() or '??')",
                "        frame = frame.older()",
                "    return names",
                "with open('" + out + "', 'w') as f:",
                "    for i in range(" + (count + 1) + "):",
                "        try:",
                "            fr = gdb.selected_frame()",
                "            sal = fr.find_sal()",
                "        except gdb.error:",
                "            break",
                "        if sal.symtab is None:",
                "            break",
                "        f.write(json.dumps({'function': fr.name(), 'file': sal.symtab.fullname(), 'line': sal.line,",
                "                            'locals': locals_of(fr), 'bt': backtrace(fr)}) + '\\n')",
                "        if i == " + count + ":",
                "            break",
                "        try:",
                "            gdb.execute('" + command + "', to_string=True)",
                "        except gdb.error:",
                "            break",
                "with open('" + out + ".exited', 'w') as f:",
                "    f.write('1' if gdb.selected_inferior().pid == 0 else '0')",
                "gdb.execute('kill', to_string=True)",
                "");
    }
}
