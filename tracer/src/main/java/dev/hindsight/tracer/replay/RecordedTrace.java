package dev.hindsight.tracer.replay;

import dev.hindsight.tracer.record.EventLog;
import dev.hindsight.tracer.record.InitialState;
import dev.hindsight.tracer.record.TraceDirectory;
import dev.hindsight.tracer.record.TraceEvent;
import dev.hindsight.tracer.record.TraceFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A trace directory opened and checked for replay: its metadata, every event, the initial state
 * and the copied files. Problems (missing, truncated, corrupt, newer, another architecture, a
 * different dynamic loader here) are {@link TraceFormatException}s with a sentence for the user.
 * Immutable, shared by a replay and its checkpoints.
 */
public final class RecordedTrace {
    private final Path dir;
    private final Properties meta;
    private final List<TraceEvent> events;
    private final InitialState initial;

    private RecordedTrace(Path dir, Properties meta, List<TraceEvent> events, InitialState initial) {
        this.dir = dir;
        this.meta = meta;
        this.events = events;
        this.initial = initial;
    }

    private ConfinementFilter confinement;

    /** The seccomp filter a confined recording with the system-call buffer ran under (null: none); see {@link ConfinementFilter}. */
    ConfinementFilter confinementFilter() {
        return confinement;
    }

    private void readConfinementFilter() {
        String name = meta.getProperty("confinement.filter");
        if (name == null) return;
        if (!name.equals(TraceDirectory.CONFINEMENT_FILTER)) throw new TraceFormatException("the trace names an unknown confinement filter '" + name + "'");
        try {
            confinement = ConfinementFilter.parse(Files.readAllBytes(dir.resolve(name)));
        } catch (java.io.IOException e) {
            throw new TraceFormatException("the trace lacks its confinement filter (" + name + "): " + e.getMessage());
        }
    }

    public static RecordedTrace open(Path traceDir) {
        Path dir = traceDir.toAbsolutePath().normalize();
        Properties meta = TraceDirectory.readMeta(dir);
        List<TraceEvent> events = EventLog.readAll(dir.resolve(TraceDirectory.EVENTS));
        long expected = number(meta, "events");
        if (events.size() != expected) {
            throw new TraceFormatException("the trace is truncated: " + events.size() + " of its " + expected + " events are there");
        }
        InitialState initial = InitialState.read(dir.resolve(TraceDirectory.INITIAL), number(meta, "initial.stack.address"));
        RecordedTrace t = new RecordedTrace(dir, meta, List.copyOf(events), initial);
        if (!Files.isRegularFile(t.executable())) throw new TraceFormatException("the trace lacks its executable (" + t.executable() + ")");
        t.checkInterpreter();
        t.checkMappedFiles();
        t.readConfinementFilter();
        return t;
    }

    /**
     * A replay maps the files the events name from the trace's files/ folder: each name must be a
     * plain file there, not a path out of it nor a symbolic link, or a crafted trace would map (and
     * an index would keep) any file the replaying user can read.
     */
    private void checkMappedFiles() {
        Path files = dir.resolve(TraceDirectory.FILES);
        for (TraceEvent e : events) {
            if (!(e instanceof TraceEvent.Syscall s) || s.mappedFile() == null) continue;
            String name = s.mappedFile();
            Path copy = files.resolve(name).normalize();
            if (name.isEmpty() || name.contains("/") || name.equals("..") || !copy.getParent().equals(files)
                    || !Files.isRegularFile(copy, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new TraceFormatException("the trace maps '" + name + "', which is not a file of its own " + files);
            }
        }
    }

    private static long number(Properties meta, String key) {
        String v = meta.getProperty(key);
        try {
            return v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v);
        } catch (RuntimeException e) {
            throw new TraceFormatException("the trace's metadata lacks a valid " + key);
        }
    }

    /** The kernel loads the dynamic loader the executable names, from this machine: it must be the recorded one. */
    private void checkInterpreter() {
        String interp = meta.getProperty("interpreter");
        if (interp == null) return;
        Path copy = dir.resolve(interp).normalize();
        for (var file : fileCopies().entrySet()) {
            if (!file.getValue().equals(copy)) continue;
            Path original = Path.of(file.getKey());
            try {
                if (Files.mismatch(copy, original) != -1) {
                    throw new TraceFormatException("this machine's " + original + " differs from the one recorded;"
                            + " a replay needs the same dynamic loader");
                }
            } catch (IOException e) {
                throw new TraceFormatException("a replay needs the recorded dynamic loader at " + original + ", which is missing here");
            }
        }
    }

    /**
     * The files the run mapped, as the metadata lists them ({@code file.N = NAME ORIGINAL}): each
     * original path to its copy in the trace's {@code files/} folder.
     */
    public java.util.Map<String, Path> fileCopies() {
        java.util.Map<String, Path> copies = new java.util.HashMap<>();
        Path files = dir.resolve(TraceDirectory.FILES);
        for (String key : meta.stringPropertyNames()) {
            if (!key.startsWith("file.")) continue;
            String v = meta.getProperty(key);
            int space = v.indexOf(' ');
            if (space > 0) copies.put(v.substring(space + 1), files.resolve(v.substring(0, space)).normalize());
        }
        return copies;
    }

    public Path directory() {
        return dir;
    }

    public Properties meta() {
        return meta;
    }

    /** Every event of the run, in order; index i is event i. */
    public List<TraceEvent> events() {
        return events;
    }

    public InitialState initial() {
        return initial;
    }

    public Path executable() {
        return dir.resolve(meta.getProperty("executable"));
    }

    public List<String> args() {
        return list("arg.", (int) number(meta, "args"));
    }

    public List<String> environment() {
        return list("env.", (int) number(meta, "env"));
    }

    private List<String> list(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(meta.getProperty(prefix + i, ""));
        return out;
    }

    /** The recorded exit: code, and the signal that ended it (0 when none). */
    public int exitCode() {
        return (int) number(meta, "exit.code");
    }

    public int exitSignal() {
        return meta.getProperty("exit.signal") == null ? 0 : (int) number(meta, "exit.signal");
    }

    /** The presented CPUID answer for leaf 1 or 7 (eax, ebx, ecx, edx), or null if the program never asked. */
    long[] presentedCpuid(int leaf) {
        String v = meta.getProperty("cpuid." + leaf);
        if (v == null) return null;
        String[] p = v.trim().split(" ");
        long[] out = new long[4];
        for (int i = 0; i < 4; i++) out[i] = Long.parseUnsignedLong(p[i], 16);
        return out;
    }
}
