package dev.hindsight.tracer.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * gdb's {@code bt} as the oracle for backtraces: runs a program (exact environment, no shell) to a
 * breakpoint or to a fatal signal and records every thread's frames as gdb unwinds them: name
 * ({@code <signal handler called>} for trampolines), pc, file and line, and for real frames (not
 * inlined calls, not tail calls) the registers gdb recovers in them.
 */
public final class GdbBacktraceOracle {
    /** Registers compared per frame: those an unwinder can recover in callers. */
    public static final List<String> REGISTERS = List.of("rip", "rsp", "rbp", "rbx", "r12", "r13", "r14", "r15");

    /** One frame; {@code registers} maps a name to its value, or to null when gdb says "not saved". */
    public record Frame(String name, long pc, boolean inline, boolean tailCall, String file, int line,
                        Map<String, Long> registers) {}

    /** The stop: the process id, which thread (LWP) gdb selected, and every thread's frames by LWP. */
    public record Stop(int pid, int currentLwp, Map<Integer, List<Frame>> threads) {
        public List<Frame> current() {
            return threads.get(currentLwp);
        }
    }

    /** {@code breakAt} for a stop at the very first instruction ({@code starti}). */
    public static final String STARTI = "starti";

    private GdbBacktraceOracle() {}

    /**
     * Runs {@code binary ARGS} under gdb to {@code breakAt} (gdb syntax: {@code file.c:12},
     * {@code *symbol}), to its first instruction ({@link #STARTI}), or, when null, until a signal
     * stops it.
     */
    public static Stop run(Path binary, List<String> args, String breakAt, List<String> environment)
            throws IOException, InterruptedException {
        return runStops(binary, args, breakAt, environment, 1).get(0);
    }

    /**
     * As {@link #run}, then {@code continue} to the next stop, up to {@code count} stops (fewer
     * when the program ends first): the backtraces of successive hits of one breakpoint.
     */
    public static List<Stop> runStops(Path binary, List<String> args, String breakAt, List<String> environment, int count)
            throws IOException, InterruptedException {
        return GdbScript.run(binary, environment, 120,
                out -> script(out, args, breakAt == null ? List.of() : List.of(breakAt), false, count, List.of()),
                GdbBacktraceOracle::parseStops);
    }

    /**
     * As {@link #runStops(Path, List, String, List, int)} with several breakpoints (pending ones
     * too, set when their library loads), and {@code afterStop.get(i)}, when there is one and not
     * blank, run by gdb's {@code shell} after stop {@code i + 1} (e.g. to delete a file mid-run).
     */
    public static List<Stop> runStops(Path binary, List<String> args, List<String> breakAts, List<String> environment,
                                      int count, List<String> afterStop) throws IOException, InterruptedException {
        return GdbScript.run(binary, environment, 120, out -> script(out, args, breakAts, true, count, afterStop),
                GdbBacktraceOracle::parseStops);
    }

    private static List<Stop> parseStops(Path out) throws IOException {
        List<Stop> stops = new ArrayList<>();
        for (Object o : (List<?>) new ObjectMapper().readValue(out.toFile(), List.class)) stops.add(parse((Map<?, ?>) o));
        return stops;
    }

    /** A Python string literal (JSON's quoting is Python's for these). */
    private static String pyString(String s) {
        try {
            return new ObjectMapper().writeValueAsString(s);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Stop parse(Map<?, ?> m) {
        Map<Integer, List<Frame>> threads = new LinkedHashMap<>();
        ((Map<?, ?>) m.get("threads")).forEach((lwp, frames) -> {
            List<Frame> list = new ArrayList<>();
            for (Object o : (List<?>) frames) {
                Map<?, ?> f = (Map<?, ?>) o;
                Map<String, Long> regs = new LinkedHashMap<>();
                ((Map<?, ?>) f.get("regs")).forEach((k, v) -> regs.put((String) k, v == null ? null : Long.parseUnsignedLong((String) v, 16)));
                list.add(new Frame((String) f.get("name"), Long.parseUnsignedLong((String) f.get("pc"), 16),
                        (Boolean) f.get("inline"), (Boolean) f.get("tail"), (String) f.get("file"), ((Number) f.get("line")).intValue(), regs));
            }
            threads.put(Integer.parseInt((String) lwp), list);
        });
        return new Stop(((Number) m.get("pid")).intValue(), ((Number) m.get("current")).intValue(), threads);
    }

    private static String script(Path out, List<String> args, List<String> breakAts, boolean pending, int count,
                                 List<String> afterStop) {
        String breakAt = breakAts.isEmpty() ? null : breakAts.get(0);
        StringBuilder shells = new StringBuilder("[");
        for (String c : afterStop) shells.append(pyString(c)).append(", ");
        String regs = "[" + String.join(", ", REGISTERS.stream().map(r -> "'" + r + "'").toList()) + "]";
        return String.join("\n",
                "import gdb, json",
                "for c in ['set pagination off', 'set confirm off', 'set width 0', 'set startup-with-shell off',",
                "          'unset environment LINES', 'unset environment COLUMNS',",
                "          'handle SIGUSR1 SIGALRM nostop noprint pass'" + (pending ? ", 'set breakpoint pending on'" : "") + "]:",
                "    gdb.execute(c, to_string=True)",
                "for b in " + (STARTI.equals(breakAt) ? "[]" : breakAts.stream().map(GdbBacktraceOracle::pyString).toList()) + ":",
                "    gdb.execute('break ' + b, to_string=True)",
                "shells = " + shells + "]",
                "gdb.execute('" + (STARTI.equals(breakAt) ? "starti " : "run ") + String.join(" ", args) + "', to_string=True)",
                "def register(frame, name):",
                "    try:",
                "        v = frame.read_register(name)",
                "        if v.is_optimized_out:",
                "            return None",
                "        return '%x' % (int(v) & 0xffffffffffffffff)",
                "    except Exception:",
                "        return None",
                "def frames(frame):",
                "    out = []",
                "    while frame is not None:",
                "        sal = frame.find_sal()",
                "        name = '<signal handler called>' if frame.type() == gdb.SIGTRAMP_FRAME else (frame.name() or '??')",
                "        inline = frame.type() == gdb.INLINE_FRAME",
                "        tail = frame.type() == gdb.TAILCALL_FRAME",
                "        out.append({'name': name, 'pc': '%x' % frame.pc(), 'inline': inline, 'tail': tail,",
                "                    'file': sal.symtab.fullname() if sal.symtab else None, 'line': sal.line,",
                "                    'regs': {} if inline or tail else {r: register(frame, r) for r in " + regs + "}})",
                "        frame = frame.older()",
                "    return out",
                "def stop():",
                "    current = gdb.selected_thread()",
                "    threads = {}",
                "    for t in gdb.selected_inferior().threads():",
                "        t.switch()",
                "        threads[str(t.ptid[1])] = frames(gdb.newest_frame())",
                "    current.switch()",
                "    return {'pid': gdb.selected_inferior().pid, 'current': current.ptid[1], 'threads': threads}",
                "stops = [stop()]",
                "while len(stops) < " + count + ":",
                "    if len(stops) <= len(shells) and shells[len(stops) - 1].strip():",
                "        gdb.execute('shell ' + shells[len(stops) - 1], to_string=True)",
                "    gdb.execute('continue', to_string=True)",
                "    if gdb.selected_inferior().pid == 0:",
                "        break",
                "    stops.append(stop())",
                "with open('" + out + "', 'w') as f:",
                "    json.dump(stops, f)",
                "if gdb.selected_inferior().pid != 0:",
                "    gdb.execute('kill', to_string=True)",
                "");
    }
}
