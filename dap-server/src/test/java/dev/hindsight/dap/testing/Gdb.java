package dev.hindsight.dap.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * gdb 13 as the oracle for the DAP tests: the same binary, run (when it is run) with exactly the
 * given environment and directory, no shell, ASLR off (gdb's default, and Hindsight's), its
 * findings written as JSON by gdb's Python API.
 */
public final class Gdb {
    /** The registers compared with the Registers scope (gdb's names, which the scope uses too). */
    public static final List<String> REGISTERS = List.of("rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip", "eflags", "cs", "ss", "fs_base", "gs_base");

    /**
     * One frame of gdb's {@code bt}: its function name, pc, file and line (null and 0 without line
     * information) and {@code info symbol} of its pc as {@code symbol+offset} ({@code symbol} at offset 0).
     */
    /** {@code file} is gdb's full name of the frame's source; {@code printedFile} the name gdb prints (symtab.filename: libc's ./stdlib/msort.c). */
    public record Frame(String name, long pc, String file, int line, String symbol, String printedFile) {}

    /** A stop: the process, its frames, its registers and the flags {@code info registers eflags} lists. */
    public record Stop(int pid, List<Frame> frames, Map<String, Long> registers, List<String> eflags) {}

    private Gdb() {}

    /** The line gdb's {@code break FILE:LINE} resolves each line to (0 when it sets no breakpoint). */
    public static Map<Integer, Integer> breakpointLines(Path binary, Path source, List<Integer> lines) {
        String script = String.join("\n",
                "import gdb, json",
                "gdb.execute('set breakpoint pending off', to_string=True)",
                "found = {}",
                "for line in " + lines + ":",
                "    try:",
                "        gdb.execute('break %s:%d' % (" + py(source.toString()) + ", line), to_string=True)",
                "        b = gdb.breakpoints()[-1]",
                "        found[line] = b.locations[0].source[1]",
                "        b.delete()",
                "    except gdb.error:",
                "        found[line] = 0",
                "json.dump(found, open(OUT, 'w'))");
        JsonObject found = run(binary, Map.of(), binary.getParent(), script);
        Map<Integer, Integer> out = new LinkedHashMap<>();
        for (int line : lines) out.put(line, found.get(String.valueOf(line)).getAsInt());
        return out;
    }

    /**
     * Runs the program to {@code breakAt} (gdb syntax: {@code main}, {@code file.c:12}, {@code *0x401000}),
     * then {@code stepi} {@code stepis} times, and records the stop.
     */
    public static Stop stopAt(Path binary, Map<String, String> env, Path cwd, String breakAt, int stepis) {
        String script = String.join("\n",
                "import gdb, json, re",
                "for c in ['set pagination off', 'set confirm off', 'set width 0', 'set startup-with-shell off',",
                "          'unset environment LINES', 'unset environment COLUMNS', 'break " + breakAt + "', 'run']:",
                "    gdb.execute(c, to_string=True)",
                "for i in range(" + stepis + "):",
                "    gdb.execute('stepi', to_string=True)",
                "def symbol(pc):",
                "    m = re.match(r'(\\S+)(?: \\+ (\\d+))? in section', gdb.execute('info symbol %d' % pc, to_string=True))",
                "    return None if m is None else m.group(1) + ('+' + m.group(2) if m.group(2) else '')",
                "frames, f = [], gdb.newest_frame()",
                "while f is not None:",
                "    sal = f.find_sal()",
                "    frames.append({'name': f.name(), 'pc': f.pc(), 'symbol': symbol(f.pc()),",
                "                   'file': sal.symtab.fullname() if sal.symtab else None, 'line': sal.line,",
                "                   'printedFile': sal.symtab.filename if sal.symtab else None})",
                "    f = f.older()",
                "fr = gdb.newest_frame()",
                "regs = {r: '%x' % (int(fr.read_register(r)) & 0xffffffffffffffff) for r in " + pyList(REGISTERS) + "}",
                "flags = re.search(r'\\[(.*)\\]', gdb.execute('info registers eflags', to_string=True)).group(1).split()",
                "json.dump({'pid': gdb.selected_inferior().pid, 'frames': frames, 'registers': regs, 'eflags': flags}, open(OUT, 'w'))",
                "gdb.execute('kill', to_string=True)");
        JsonObject o = run(binary, env, cwd, script);
        List<Frame> frames = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("frames")) {
            JsonObject f = e.getAsJsonObject();
            frames.add(new Frame(string(f, "name"), f.get("pc").getAsLong(), string(f, "file"), f.get("line").getAsInt(),
                    string(f, "symbol"), string(f, "printedFile")));
        }
        Map<String, Long> registers = new LinkedHashMap<>();
        for (String r : REGISTERS) registers.put(r, Long.parseUnsignedLong(o.getAsJsonObject("registers").get(r).getAsString(), 16));
        List<String> flags = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("eflags")) flags.add(e.getAsString());
        return new Stop(o.get("pid").getAsInt(), frames, registers, flags);
    }

    /**
     * gdb's {@code frame LEVEL} then {@code info registers NAMES} at the stop of {@link #stopAt}: the registers
     * gdb unwinds for an outer frame (its rsp is the CFA of the frame below). Also the innermost pc, as "pc0".
     */
    public static Map<String, Long> frameRegisters(Path binary, Map<String, String> env, Path cwd, String breakAt, int level,
                                                   List<String> names) {
        String script = String.join("\n",
                "import gdb, json",
                "for c in ['set pagination off', 'set confirm off', 'set width 0', 'set startup-with-shell off',",
                "          'unset environment LINES', 'unset environment COLUMNS', 'break " + breakAt + "', 'run']:",
                "    gdb.execute(c, to_string=True)",
                "pc0 = gdb.newest_frame().pc()",
                "gdb.execute('frame " + level + "', to_string=True)",
                "out = {'pc0': '%x' % pc0}",
                "for r in " + pyList(names) + ":",
                "    text = gdb.execute('info registers ' + r, to_string=True).split()",
                "    out[r] = text[1][2:] if text[1].startswith('0x') else None",
                "json.dump(out, open(OUT, 'w'))",
                "gdb.execute('kill', to_string=True)");
        JsonObject o = run(binary, env, cwd, script);
        Map<String, Long> registers = new LinkedHashMap<>();
        o.entrySet().forEach(e -> registers.put(e.getKey(), e.getValue().isJsonNull() ? null : Long.parseUnsignedLong(e.getValue().getAsString(), 16)));
        return registers;
    }

    /**
     * What a user sees stopped at {@code breakAt} (gdb syntax): the pc, the values of
     * {@code expressions} as gdb prints them and their types, the first instruction's text (gdb's disassembler) and,
     * after one {@code next}, the line gdb stops at.
     */
    public record LineStop(long pc, Map<String, String> values, Map<String, String> types, String instruction, int lineAfterNext) {}

    public static LineStop lineStop(Path binary, Path cwd, String breakAt, List<String> expressions) {
        String script = String.join("\n",
                "import gdb, json",
                "for c in ['set pagination off', 'set confirm off', 'set width 0', 'set startup-with-shell off',",
                "          'break " + breakAt + "', 'run']:",
                "    gdb.execute(c, to_string=True)",
                "f = gdb.selected_frame()",
                "values = {e: str(gdb.parse_and_eval(e)) for e in " + pyList(expressions) + "}",
                "types = {e: str(gdb.parse_and_eval(e).type) for e in " + pyList(expressions) + "}",
                "insn = f.architecture().disassemble(f.pc())[0]['asm']",
                "pc = f.pc()",
                "gdb.execute('next', to_string=True)",
                "json.dump({'pc': pc, 'values': values, 'types': types, 'insn': insn, 'line': gdb.selected_frame().find_sal().line}, open(OUT, 'w'))",
                "gdb.execute('kill', to_string=True)");
        JsonObject o = run(binary, Map.of(), cwd, script);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (String e : expressions) {
            values.put(e, o.getAsJsonObject("values").get(e).getAsString());
            types.put(e, o.getAsJsonObject("types").get(e).getAsString());
        }
        return new LineStop(o.get("pc").getAsLong(), values, types, o.get("insn").getAsString(), o.get("line").getAsInt());
    }

    private static String string(JsonObject o, String name) {
        return o.get(name) == null || o.get(name).isJsonNull() ? null : o.get(name).getAsString();
    }

    private static String py(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String pyList(List<String> names) {
        return "[" + String.join(", ", names.stream().map(Gdb::py).toList()) + "]";
    }

    /** Runs {@code gdb -batch} on a Python script that writes its JSON answer to the file named OUT. */
    private static JsonObject run(Path binary, Map<String, String> env, Path cwd, String script) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("hindsight-dap-gdb");
            Path out = dir.resolve("out.json"), file = dir.resolve("oracle.py");
            Files.writeString(file, "OUT = " + py(out.toString()) + "\n" + script + "\n");
            List<String> cmd = new ArrayList<>(List.of("env", "-i"));
            env.forEach((k, v) -> cmd.add(k + "=" + v));
            cmd.addAll(List.of("gdb", "-nx", "-batch", "-x", file.toString(), binary.toString()));
            Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("gdb timed out: " + log);
            }
            if (!Files.exists(out)) throw new IllegalStateException("gdb wrote nothing:\n" + log);
            return JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (dir != null) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException e) {
                    // a temp directory left behind is no reason to fail a test
                }
            }
        }
    }
}
