package dev.hindsight.trace;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.Nm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every field of every stop {@code hindsight trace} prints, in JSON and as text, against gdb
 * stepping the same binary in the same environment: the pc, {@code symbol+offset} and instruction
 * as gdb's {@code x/i $pc} shows them (whitespace runs collapsed, as the README's JSON has them),
 * the value of every register, and which registers changed since the stop before.
 *
 * <p>Both sides run with ASLR off and exactly the same environment, so the stack is the same; the
 * stretches traced touch no per-run secret (stack canary, pointer guard), which trace cannot zero.
 */
class TraceGdbComparisonTest {
    private static final Map<String, String> ENV = Map.of("HINDSIGHT_TRACE_ORACLE", "1", "LANG", "C", "PATH", "/usr/bin:/bin");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** gdb's {@code x/i}: {@code => 0x401136 <main+4>:\tmov    %rsp,%rbp}. */
    /** The text lines also show the segment registers and the fs/gs bases, in gdb's {@code info registers} order. */
    private static final List<String> ALL_REGISTERS = java.util.stream.Stream.concat(StopPrinter.JSON_REGISTERS.stream(),
            java.util.stream.Stream.of("cs", "ss", "ds", "es", "fs", "gs", "fs_base", "gs_base")).toList();
    private static final Pattern X_I = Pattern.compile("=> 0x([0-9a-f]+)(?: <(.+)>)?:\\t(.*)");

    /** One stop as gdb sees it. */
    record Stop(long pc, String symbol, String insn, Map<String, Long> regs) {}

    @ParameterizedTest(name = "{0} {1} from {2}, {3} steps")
    @CsvSource({
            // fib's recursion: calls, returns, loads and stores, flags; no libc yet.
            "lockstep.c, -no-pie, main, 1200",
            // A rip-relative lea (gdb's "# 0x… <msg>" comment), a call and ret, and a write syscall.
            "lockstep.s, '', _start, 30",
    })
    void everyStopIsWhatGdbSees(String fixture, String flags, String from, int steps) throws Exception {
        Path exe = flags.isBlank() ? Fixtures.compile(fixture) : Fixtures.compile(fixture, flags.split(" "));
        List<Stop> gdb = gdbStops(exe, Nm.address(exe, from), steps);
        assertEquals(steps + 1, gdb.size(), "gdb's stops");

        TraceCommandTest.Run json = TraceCommandTest.trace(ENV, true, exe.toString(), "--from", from, "--json",
                "--steps", Integer.toString(steps));
        assertEquals(0, json.status(), json.stderr());
        assertEquals(steps + 1, json.stdout().size(), json.stderr());
        TraceCommandTest.Run text = TraceCommandTest.trace(ENV, true, exe.toString(), "--from", from,
                "--steps", Integer.toString(steps));
        assertEquals(0, text.status(), text.stderr());
        assertEquals(steps + 1, text.stdout().size(), text.stderr());

        for (int i = 0; i <= steps; i++) {
            Stop expected = gdb.get(i);
            List<String> changed = new ArrayList<>();
            for (String r : ALL_REGISTERS) {
                if (i == 0 || !expected.regs().get(r).equals(gdb.get(i - 1).regs().get(r))) changed.add(r);
            }
            String where = "stop " + i + " at 0x" + Long.toHexString(expected.pc());

            JsonNode stop = JSON.readTree(json.stdout().get(i));
            // Compact, as Jackson writes it: no spaces, its escaping, nothing after the object.
            assertEquals(JSON.writeValueAsString(stop), json.stdout().get(i), where);
            assertEquals(List.of("pc", "symbol", "insn", "regs", "changed"), fieldNames(stop), where);
            assertEquals(hex(expected.pc()), stop.get("pc").asText(), where);
            assertEquals(expected.symbol(), stop.get("symbol").isNull() ? null : stop.get("symbol").asText(), where);
            assertEquals(expected.insn(), stop.get("insn").asText(), where);
            assertEquals(StopPrinter.JSON_REGISTERS, fieldNames(stop.get("regs")), where);
            for (String r : StopPrinter.JSON_REGISTERS) {
                assertEquals(hex(expected.regs().get(r)), stop.get("regs").get(r).asText(), where + ": " + r);
            }
            List<String> jsonChanged = new ArrayList<>();
            stop.get("changed").forEach(n -> jsonChanged.add(n.asText()));
            assertEquals(changed.stream().filter(StopPrinter.JSON_REGISTERS::contains).toList(), jsonChanged, where);

            // Text: "0xPC <SYMBOL> INSN r=0xV …" (padded into columns), the changed registers but rip.
            StringBuilder line = new StringBuilder(hex(expected.pc()) + " <" + (expected.symbol() == null ? "??" : expected.symbol())
                    + "> " + expected.insn());
            for (String r : changed) if (!r.equals("rip")) line.append(' ').append(r).append('=').append(hex(expected.regs().get(r)));
            assertEquals(line.toString(), text.stdout().get(i).replaceAll("\\s+", " "), where);
        }
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** gdb run as {@code env -i ENV gdb -batch}: the stop at {@code start}, then one per {@code stepi}. */
    private static List<Stop> gdbStops(Path exe, long start, int steps) throws Exception {
        Path dir = Files.createTempDirectory("hindsight-trace-gdb");
        try {
            Path out = dir.resolve("stops.json"), script = dir.resolve("oracle.py");
            Files.writeString(script, String.join("\n",
                    "import gdb, json",
                    "for c in ['set pagination off', 'set confirm off', 'set startup-with-shell off',",
                    "          'unset environment LINES', 'unset environment COLUMNS', 'starti']:",
                    "    gdb.execute(c, to_string=True)",
                    "if int(gdb.selected_frame().pc()) != " + start + ":",
                    "    gdb.execute('tbreak *" + start + "', to_string=True)",
                    "    gdb.execute('continue', to_string=True)",
                    "names = " + ALL_REGISTERS.stream().map(r -> "'" + r + "'").toList(),
                    "with open('" + out + "', 'w') as f:",
                    "    for i in range(" + (steps + 1) + "):",
                    "        fr = gdb.selected_frame()",
                    "        regs = {n: '%x' % (int(fr.read_register(n)) & 0xffffffffffffffff) for n in names}",
                    "        f.write(json.dumps({'regs': regs, 'x': gdb.execute('x/i $pc', to_string=True)}) + '\\n')",
                    "        if i < " + steps + ":",
                    "            gdb.execute('stepi', to_string=True)",
                    "gdb.execute('kill', to_string=True)",
                    ""));
            List<String> cmd = new ArrayList<>(List.of("env", "-i"));
            ENV.forEach((k, v) -> cmd.add(k + "=" + v));
            cmd.addAll(List.of("gdb", "-nx", "-batch", "-x", script.toString(), exe.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "gdb finished");
            assertTrue(Files.exists(out), "gdb wrote nothing: " + log);
            List<Stop> stops = new ArrayList<>();
            for (String l : Files.readAllLines(out)) {
                JsonNode n = JSON.readTree(l);
                Matcher m = X_I.matcher(n.get("x").asText().strip());
                assertTrue(m.matches(), n.get("x").asText());
                Map<String, Long> regs = new LinkedHashMap<>();
                n.get("regs").fields().forEachRemaining(e -> regs.put(e.getKey(), Long.parseUnsignedLong(e.getValue().asText(), 16)));
                stops.add(new Stop(Long.parseUnsignedLong(m.group(1), 16), m.group(2), m.group(3).strip().replaceAll("\\s+", " "), regs));
            }
            return stops;
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
