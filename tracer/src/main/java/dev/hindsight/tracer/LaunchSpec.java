package dev.hindsight.tracer;

import dev.hindsight.tracer.confine.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to start a program under the debugger.
 *
 * @param program      the executable; run as its absolute path, which is also argv[0] (as gdb does)
 * @param args         argv[1..]
 * @param environment  exactly the program's environment, {@code K=V} entries in order
 * @param workingDirectory where it starts; null for ours
 * @param stdin        where its stdin comes from
 * @param stdout       where its stdout goes
 * @param stderr       where its stderr goes
 * @param disableAslr  run with address-space randomisation off, so runs repeat (gdb's default)
 * @param pinCpu       share one CPU with the engine thread: ptrace round trips get ~10x cheaper
 * @param limits       resource limits for the tracee
 * @param sandbox      where the program runs confined (see {@link dev.hindsight.tracer.confine}); null: unconfined
 * @param terminal     a terminal for all three streams instead of {@code stdin}/{@code stdout}/{@code stderr}; null: none
 */
public record LaunchSpec(Path program, List<String> args, List<String> environment, Path workingDirectory,
                         Stdio stdin, Stdio stdout, Stdio stderr, boolean disableAslr, boolean pinCpu,
                         ResourceLimits limits, Sandbox sandbox, Terminal terminal) {

    /**
     * The program's stdin, stdout and stderr on a terminal, as in a shell: it runs in a session of
     * its own with that terminal as its controlling terminal (where the terminal is free to be one).
     *
     * @param device  an existing terminal device ({@code /dev/pts/N}); null: a new pseudo-terminal
     *                whose master {@link Target#terminal()} holds
     * @param rows    initial window size of a new pseudo-terminal (0: left at the kernel's 0x0)
     * @param columns likewise
     */
    public record Terminal(String device, int rows, int columns) {
        public static Terminal pseudo(int rows, int columns) {
            return new Terminal(null, rows, columns);
        }

        public static Terminal device(String path) {
            return new Terminal(Objects.requireNonNull(path, "device"), 0, 0);
        }
    }

    public LaunchSpec(Path program, List<String> args, List<String> environment, Path workingDirectory,
                      Stdio stdin, Stdio stdout, Stdio stderr, boolean disableAslr, boolean pinCpu,
                      ResourceLimits limits, Sandbox sandbox) {
        this(program, args, environment, workingDirectory, stdin, stdout, stderr, disableAslr, pinCpu, limits, sandbox, null);
    }

    /** Where one of the program's standard streams is connected. */
    public enum Stdio {
        /** A pipe the caller reads or writes through {@link Target#stdio()}. */
        PIPE,
        /** The debugger's own descriptor of the same number. */
        INHERIT,
        /** The debugger's stderr (so its stdout stays machine-readable). */
        TO_STDERR,
        /** /dev/null. */
        NULL
    }

    public LaunchSpec {
        Objects.requireNonNull(program, "program");
        program = program.toAbsolutePath().normalize();
        args = List.copyOf(args);
        environment = List.copyOf(environment);
        for (String e : environment) {
            if (e.indexOf('=') <= 0) throw new IllegalArgumentException("environment entry is not NAME=VALUE: " + e);
        }
        Objects.requireNonNull(stdin);
        Objects.requireNonNull(stdout);
        Objects.requireNonNull(stderr);
        if (limits == null) limits = ResourceLimits.DEFAULT;
    }

    /** A program with our own environment, piped stdio, ASLR off and CPU pinning on. */
    public static LaunchSpec of(Path program, String... args) {
        return new LaunchSpec(program, List.of(args), inheritedEnvironment(), null, Stdio.PIPE, Stdio.PIPE,
                Stdio.PIPE, true, true, ResourceLimits.DEFAULT, null);
    }

    public LaunchSpec withArgs(List<String> newArgs) {
        return new LaunchSpec(program, newArgs, environment, workingDirectory, stdin, stdout, stderr, disableAslr, pinCpu, limits, sandbox, terminal);
    }

    public LaunchSpec withEnvironment(List<String> env) {
        return new LaunchSpec(program, args, env, workingDirectory, stdin, stdout, stderr, disableAslr, pinCpu, limits, sandbox, terminal);
    }

    public LaunchSpec withWorkingDirectory(Path dir) {
        return new LaunchSpec(program, args, environment, dir, stdin, stdout, stderr, disableAslr, pinCpu, limits, sandbox, terminal);
    }

    public LaunchSpec withStdio(Stdio in, Stdio out, Stdio err) {
        return new LaunchSpec(program, args, environment, workingDirectory, in, out, err, disableAslr, pinCpu, limits, sandbox, terminal);
    }

    public LaunchSpec withAslrDisabled(boolean disabled) {
        return new LaunchSpec(program, args, environment, workingDirectory, stdin, stdout, stderr, disabled, pinCpu, limits, sandbox, terminal);
    }

    public LaunchSpec withPinCpu(boolean pin) {
        return new LaunchSpec(program, args, environment, workingDirectory, stdin, stdout, stderr, disableAslr, pin, limits, sandbox, terminal);
    }

    public LaunchSpec withLimits(ResourceLimits l) {
        return new LaunchSpec(program, args, environment, workingDirectory, stdin, stdout, stderr, disableAslr, pinCpu, l, sandbox, terminal);
    }

    public LaunchSpec withSandbox(Sandbox s) {
        return new LaunchSpec(program, args, environment, workingDirectory, stdin, stdout, stderr, disableAslr, pinCpu, limits, s, terminal);
    }

    /** The program's stdio on {@code t} (null: back to {@code stdin}/{@code stdout}/{@code stderr}). */
    public LaunchSpec withTerminal(Terminal t) {
        return new LaunchSpec(program, args, environment, workingDirectory, stdin, stdout, stderr, disableAslr, pinCpu, limits, sandbox, t);
    }

    /**
     * This process's environment in its original order, read from /proc/self/environ (the JDK's
     * map loses the order, and the order decides the stack layout a program sees).
     */
    public static List<String> inheritedEnvironment() {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc/self/environ"));
            List<String> env = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    if (i > start) env.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            env.removeIf(e -> e.indexOf('=') <= 0);
            return env;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
