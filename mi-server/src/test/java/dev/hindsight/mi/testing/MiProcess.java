package dev.hindsight.mi.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A gdb-like process spoken to over MI on its stdin/stdout: real gdb, or {@code hindsight gdb}
 * (GdbMain on this JVM's class path). Both get exactly the same environment, so the program sees
 * the same stack. Every command gets a fresh token; replies are matched by it.
 */
public final class MiProcess implements AutoCloseable {
    /** Generous: the machine is shared; this only guards against hangs. */
    private static final long TIMEOUT_SECONDS = 90;
    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = new ArrayList<>();
    private int token = 100;
    private final String name;

    private MiProcess(String name, List<String> command) throws IOException {
        this.name = name;
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        String path = env.get("PATH");
        env.clear();
        env.put("PATH", path);
        env.put("HOME", "/tmp");
        env.put("LANG", "C.UTF-8");
        process = pb.start();
        stdin = process.getOutputStream();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) lines.add(l);
            } catch (IOException e) {
                // the process ended
            } finally {
                lines.add("\u0000EOF");
            }
        }, name + "-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Real gdb, with what keeps it from changing the program's environment (LINES, COLUMNS, a shell). */
    public static MiProcess gdb(Path program, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("gdb", "-nx", "-q", "--interpreter=mi3"));
        cmd.addAll(program == null ? List.of() : args.length == 0 ? List.of(program.toString()) : argsLine(program, args));
        MiProcess p = new MiProcess("gdb", cmd);
        p.awaitPrompt();
        for (String c : List.of("-gdb-set startup-with-shell off", "-interpreter-exec console \"unset environment LINES\"",
                "-interpreter-exec console \"unset environment COLUMNS\"",
                // gdb lets the program write to its own stdout, this MI channel; Hindsight sends it as @ records
                "-inferior-tty-set /dev/null")) {
            p.send(c);
            p.awaitPrompt();
        }
        return p;
    }

    /**
     * gdb with these words after {@code -nx -q --interpreter=mi3}, as it starts (nothing sent, no
     * prompt awaited): for what a command line makes it do before its first prompt.
     */
    public static MiProcess gdbCommandLine(List<String> words) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("gdb", "-nx", "-q", "--interpreter=mi3"));
        cmd.addAll(words);
        return new MiProcess("gdb", cmd);
    }

    /** Hindsight as {@link #gdbCommandLine} starts gdb. */
    public static MiProcess hindsightCommandLine(List<String> words) throws IOException {
        List<String> cmd = hindsightCommand();
        cmd.addAll(words);
        return new MiProcess("hindsight", cmd);
    }

    private static List<String> hindsightCommand() {
        List<String> cmd = hindsightJava();
        cmd.addAll(List.of("-nx", "-q", "--interpreter=mi3"));
        return cmd;
    }

    private static List<String> hindsightJava() {
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "dev.hindsight.mi.GdbMain"));
    }

    /**
     * gdb started with exactly these words (no {@code -nx -q}: a front end's own command line),
     * its first prompt awaited.
     */
    public static MiProcess gdbExactly(List<String> words) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("gdb"));
        cmd.addAll(words);
        MiProcess p = new MiProcess("gdb", cmd);
        p.awaitPrompt();
        return p;
    }

    /** Hindsight as {@link #gdbExactly} starts gdb. */
    public static MiProcess hindsightExactly(List<String> words) throws IOException {
        List<String> cmd = hindsightJava();
        cmd.addAll(words);
        MiProcess p = new MiProcess("hindsight", cmd);
        p.awaitPrompt();
        return p;
    }

    public static MiProcess hindsight(Path program, String... args) throws IOException {
        return hindsightWith(List.of(), program, args);
    }

    /** Hindsight with extra command-line options of its own (e.g. {@code --confine}). */
    public static MiProcess hindsightWith(List<String> options, Path program, String... args) throws IOException {
        List<String> cmd = hindsightCommand();
        cmd.addAll(options);
        cmd.addAll(program == null ? List.of() : args.length == 0 ? List.of(program.toString()) : argsLine(program, args));
        MiProcess p = new MiProcess("hindsight", cmd);
        p.awaitPrompt();
        // as gdb's: the environment Hindsight's own, without the LINES and COLUMNS gdb would add
        // nor the PWD its shell would export
        for (String c : List.of("-gdb-set startup-with-shell off", "-interpreter-exec console \"unset environment LINES\"",
                "-interpreter-exec console \"unset environment COLUMNS\"")) {
            p.send(c);
            p.awaitPrompt();
        }
        return p;
    }

    private static List<String> argsLine(Path program, String... args) {
        List<String> l = new ArrayList<>(List.of("--args", program.toString()));
        l.addAll(List.of(args));
        return l;
    }

    public String name() {
        return name;
    }

    /** The next line, or fails after the timeout. */
    public String nextLine() {
        try {
            String l = lines.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (l == null) throw new AssertionError(name + ": no output within " + TIMEOUT_SECONDS + " s; transcript:\n" + String.join("\n", transcript));
            if (l.equals("\u0000EOF")) throw new AssertionError(name + " ended; transcript:\n" + String.join("\n", transcript));
            transcript.add(l);
            return l;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Records up to and including the first one {@code until} accepts. */
    public List<MiRecord> readUntil(Predicate<MiRecord> until) {
        List<MiRecord> out = new ArrayList<>();
        while (true) {
            MiRecord r = parse(nextLine());
            out.add(r);
            if (until.test(r)) return out;
        }
    }

    private MiRecord parse(String line) {
        try {
            return MiRecord.parse(line);
        } catch (IllegalArgumentException e) {
            throw new AssertionError(name + " wrote a line that is not MI: " + line + " (" + e.getMessage() + ")");
        }
    }

    public void awaitPrompt() {
        readUntil(r -> r.kind() == '(');
    }

    public void writeRaw(String text) {
        try {
            stdin.write(text.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Sends a command with a fresh token; returns every record up to its result record, that one last. */
    public List<MiRecord> exchange(String command) {
        String t = String.valueOf(++token);
        writeRaw(t + command + "\n");
        return readUntil(r -> r.kind() == '^' && r.token().equals(t));
    }

    /** The result record of a command. */
    public MiRecord send(String command) {
        List<MiRecord> rs = exchange(command);
        return rs.get(rs.size() - 1);
    }

    /** After {@code ^running}: the records up to and including {@code *stopped}. */
    public List<MiRecord> awaitStopped() {
        return readUntil(r -> r.kind() == '*' && r.cls().equals("stopped"));
    }

    public List<String> transcript() {
        return transcript;
    }

    @Override
    public void close() {
        try {
            writeRaw("-gdb-exit\n");
            process.getOutputStream().close();
        } catch (AssertionError | IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
