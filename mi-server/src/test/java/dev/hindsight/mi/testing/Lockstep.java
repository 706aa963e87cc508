package dev.hindsight.mi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs one MI script through real gdb and through {@code hindsight gdb} on the same program and
 * compares, step by step, what each step's projection keeps: result classes, record kinds, stop
 * reasons, frames, values. A failure names the step and shows both transcripts' observations.
 */
public final class Lockstep {
    /** One command and what of its records to compare. */
    public record Step(String command, boolean runs, Function<List<MiRecord>, Object> projection) {}

    private final List<Step> steps = new ArrayList<>();

    /**
     * A command answered at once ({@code ^done}, {@code ^error}): the kinds of its records (prompts
     * included: a prompt left over from a stop in sync mode shows here), its result class and
     * {@code keep(result)}.
     */
    public Lockstep cmd(String command, Function<MiRecord, Object> keep) {
        steps.add(new Step(command, false, rs -> List.of(kinds(rs), last(rs).cls(), String.valueOf(keep.apply(last(rs))))));
        return this;
    }

    /** A console command: its result, and the console stream's text (what a user would read). */
    public Lockstep console(String command) {
        steps.add(new Step(command, false, rs -> {
            StringBuilder text = new StringBuilder();
            for (MiRecord r : rs) if (r.kind() == '~') text.append(r.text());
            return List.of(kinds(rs), last(rs).cls(), String.valueOf(last(rs).get("msg")), text.toString());
        }));
        return this;
    }

    /** A console command, as {@link #console(String)}, its text through {@code normalise} (addresses that move). */
    public Lockstep console(String command, Function<String, Object> normalise) {
        steps.add(new Step(command, false, rs -> {
            StringBuilder text = new StringBuilder();
            for (MiRecord r : rs) if (r.kind() == '~') text.append(r.text());
            return List.of(kinds(rs), last(rs).cls(), String.valueOf(last(rs).get("msg")), normalise.apply(text.toString()));
        }));
        return this;
    }

    private static List<String> kinds(List<MiRecord> rs) {
        List<String> kinds = new ArrayList<>();
        for (MiRecord r : rs) {
            if (r.kind() == '(') kinds.add("(gdb)");
            else if ((r.kind() == '*' || r.kind() == '=' || r.kind() == '^') && !UNCOMPARED.contains(r.cls())) kinds.add(r.kind() + r.cls());
        }
        return kinds;
    }

    /** A command whose records are each debugger's own business: only its result class is compared. */
    public Lockstep result(String command) {
        steps.add(new Step(command, false, rs -> last(rs).cls()));
        return this;
    }

    public Lockstep cmd(String command) {
        return cmd(command, r -> "");
    }

    /** A command that resumes: {@code ^running}, then the {@code *stopped} record's reason and frame. */
    public Lockstep exec(String command) {
        steps.add(new Step(command, true, Lockstep::stop));
        return this;
    }

    /** A command that resumes, as {@link #exec}, and the console text written up to its stop. */
    public Lockstep execText(String command) {
        steps.add(new Step(command, true, rs -> {
            StringBuilder text = new StringBuilder();
            for (MiRecord r : rs) if (r.kind() == '~') text.append(r.text());
            return List.of(stop(rs), text.toString());
        }));
        return this;
    }

    /** A command and what {@code projection} keeps of all its records (up to its stop, when it {@code runs}). */
    public Lockstep step(String command, boolean runs, Function<List<MiRecord>, Object> projection) {
        steps.add(new Step(command, runs, projection));
        return this;
    }

    /** A command that resumes, not waited for (the program runs on): its result class and record kinds. */
    public Lockstep start(String command) {
        steps.add(new Step(command, false, rs -> List.of(kinds(rs), last(rs).cls())));
        return this;
    }

    /** A command after which the program stops ({@code -exec-interrupt}): the stop's reason and where, as {@code keep} sees it. */
    public Lockstep stopsAfter(String command, Function<MiRecord, Object> keep) {
        steps.add(new Step(command, true, rs -> {
            MiRecord stopped = rs.get(rs.size() - 1);
            return List.of(last(rs).cls(), String.valueOf(keep.apply(stopped)));
        }));
        return this;
    }

    /** Each debugger gets a process of its own to attach to (see {@link #attachingTo}). */
    private java.util.function.IntSupplier processToAttach;

    /**
     * Before each transcript, {@code start} starts a process and answers its pid: the commands'
     * {@code {PID}} is written as it, and in what is compared the pid is written {@code {PID}}.
     * The process is killed after the transcript.
     */
    public Lockstep attachingTo(java.util.function.IntSupplier start) {
        processToAttach = start;
        return this;
    }

    public void run(Path program, String... args) throws IOException {
        compare(transcript(() -> MiProcess.gdb(program, args)), transcript(() -> MiProcess.hindsight(program, args)));
    }

    /**
     * gdb on {@code program} (its transcript records the run itself, with {@code record full}),
     * Hindsight serving {@code trace}, a recording of the same program ({@code --trace}).
     */
    public void runOnTrace(Path program, Path trace) throws IOException {
        compare(transcript(() -> MiProcess.gdb(program)),
                transcript(() -> MiProcess.hindsightWith(List.of("--trace=" + trace), null)));
    }

    /** gdb and Hindsight each started as {@code PROGRAM CORE} on the same core dump. */
    public void runOnCore(Path program, Path core) throws IOException {
        List<String> words = List.of(program.toString(), core.toString());
        compare(transcript(() -> prompted(MiProcess.gdbCommandLine(words))), transcript(() -> prompted(MiProcess.hindsightCommandLine(words))));
    }

    /** gdb and Hindsight each started on {@code program} alone (the script loads what it needs). */
    public void runWithout(Path program) throws IOException {
        List<String> words = List.of(program.toString());
        compare(transcript(() -> prompted(MiProcess.gdbCommandLine(words))), transcript(() -> prompted(MiProcess.hindsightCommandLine(words))));
    }

    /** gdb and Hindsight each started with exactly {@code words} (a front end's command line, e.g. MIEngine's). */
    public void runAs(List<String> words) throws IOException {
        compare(transcript(() -> MiProcess.gdbExactly(words)), transcript(() -> MiProcess.hindsightExactly(words)));
    }

    private static MiProcess prompted(MiProcess p) {
        p.awaitPrompt();
        return p;
    }

    private void compare(List<Object> gdb, List<Object> hindsight) {
        for (int i = 0; i < steps.size(); i++) {
            assertEquals(gdb.get(i), hindsight.get(i), "step " + (i + 1) + " `" + steps.get(i).command() + "` differs from gdb");
        }
    }

    private interface Opener {
        MiProcess open() throws IOException;
    }

    private List<Object> transcript(Opener opener) throws IOException {
        int pid = processToAttach == null ? 0 : processToAttach.getAsInt();
        try (MiProcess p = opener.open()) {
            List<Object> out = new ArrayList<>();
            for (Step s : steps) {
                List<MiRecord> rs = p.exchange(s.command().replace("{PID}", String.valueOf(pid)));
                if (s.runs() && !last(rs).cls().equals("error")) rs.addAll(p.awaitStopped());
                Object seen = s.projection().apply(rs);
                out.add(pid == 0 ? seen : String.valueOf(seen).replaceAll("\\b" + pid + "\\b", "{PID}"));
            }
            return out;
        } finally {
            if (pid != 0) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    static MiRecord last(List<MiRecord> rs) {
        for (int i = rs.size() - 1; i >= 0; i--) if (rs.get(i).kind() == '^') return rs.get(i);
        throw new AssertionError("no result record");
    }

    /** Notifications that are gdb's own business (its libraries, its thread library) and not compared. */
    private static final Set<String> UNCOMPARED = Set.of("library-loaded", "library-unloaded", "breakpoint-deleted",
            "cmd-param-changed", "thread-group-added");

    /** The result class, the async and notify records in order, and the stop's reason, breakpoint and frame. */
    static Object stop(List<MiRecord> rs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("result", last(rs).cls());
        m.put("records", kinds(rs));
        MiRecord stopped = rs.stream().filter(r -> r.kind() == '*' && r.cls().equals("stopped")).findFirst().orElse(null);
        if (stopped == null) return m;
        for (String k : List.of("reason", "disp", "bkptno", "thread-id", "stopped-threads", "signal-name", "signal-meaning",
                "exit-code", "frame.addr", "frame.func", "frame.file", "frame.fullname", "frame.line", "frame.args", "frame.arch")) {
            m.put(k, stopped.get(k));
        }
        return m;
    }

    /** Selected paths of a result, as a map (for readable failures). */
    public static Function<MiRecord, Object> fields(String... paths) {
        return r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String p : paths) m.put(p, r.get(p));
            return m;
        };
    }
}
