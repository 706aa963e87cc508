package dev.hindsight.tracer.ptrace;

import dev.hindsight.tracer.LaunchException;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.LaunchSpec.Stdio;
import dev.hindsight.tracer.ResourceLimits;
import dev.hindsight.tracer.sys.Files;
import dev.hindsight.tracer.sys.Limits;
import dev.hindsight.tracer.sys.NativeBuffer;
import dev.hindsight.tracer.sys.Ptrace;
import dev.hindsight.tracer.sys.Sched;
import dev.hindsight.tracer.sys.Signals;
import dev.hindsight.tracer.sys.Spawn;
import dev.hindsight.tracer.sys.Wait;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a program stopped at its first instruction under ptrace, without the JDK ever seeing
 * the child (see the package documentation for the mechanism). Runs on the ptrace thread.
 */
final class Spawner {
    static final int OPTIONS = Ptrace.O_TRACEEXEC | Ptrace.O_TRACECLONE | Ptrace.O_TRACEFORK
            | Ptrace.O_TRACEVFORK | Ptrace.O_EXITKILL;
    private static final String SHIM = "kill -STOP $$; exec \"$0\" -i -- \"$@\"";
    private static final int EXECS_UNTIL_PROGRAM = 2;

    /**
     * The stopped tracee and our ends of its stdio pipes (-1 where not piped); {@code outerPid} is
     * our own child when the tracee runs confined (the sandbox's outer process, to be reaped), else
     * the tracee itself.
     */
    record Spawned(int pid, int stdinFd, int stdoutFd, int stderrFd, int outerPid, int terminalFd) {}

    private Spawner() {}

    static Spawned spawn(LaunchSpec spec) {
        checkProgram(spec.program());
        String env = findEnvCommand();
        List<String> shim = new ArrayList<>(List.of("/bin/sh", "-c", SHIM, env));
        shim.addAll(spec.environment());
        shim.add(spec.program().toString());
        shim.addAll(spec.args());
        List<String> argv = spec.sandbox() == null ? shim : spec.sandbox().wrap(shim);

        int[] childFds = new int[3];
        int[] ourFds = {-1, -1, -1};
        List<Integer> toClose = new ArrayList<>();
        Stdio[] modes = {spec.stdin(), spec.stdout(), spec.stderr()};
        int devNull = -1;
        int terminalFd = -1;
        try {
            if (spec.terminal() != null) {
                TerminalEnds ends = TerminalEnds.open(spec.terminal());
                terminalFd = ends.master();
                toClose.add(ends.slave());
                childFds = new int[] {ends.slave(), ends.slave(), ends.slave()};
                modes = new Stdio[0];
            }
            for (int i = 0; i < modes.length; i++) {
                switch (modes[i]) {
                    case PIPE -> {
                        int[] p = Files.pipe();
                        childFds[i] = i == 0 ? p[0] : p[1];
                        ourFds[i] = i == 0 ? p[1] : p[0];
                        toClose.add(childFds[i]);
                    }
                    case INHERIT -> childFds[i] = i;
                    case TO_STDERR -> childFds[i] = 2;
                    case NULL -> {
                        if (devNull < 0) devNull = Files.open("/dev/null", Files.O_RDWR, false);
                        childFds[i] = devNull;
                    }
                }
            }
            if (devNull >= 0) toClose.add(devNull);
            Sched.setAddressRandomization(!spec.disableAslr());
            String cwd = spec.workingDirectory() == null ? null : spec.workingDirectory().toString();
            boolean newGroup = spec.stdin() != Stdio.INHERIT;
            // On a terminal the program leads a session of its own (inside a sandbox, whose init
            // bwrap makes a session leader, an injected setsid does it); the terminal becomes its
            // controlling terminal once it is stopped at its first instruction (TerminalSession).
            boolean newSession = spec.terminal() != null && spec.sandbox() == null;
            int pid = Spawn.spawn("/bin/sh", argv.toArray(String[]::new),
                    new String[] {"PATH=/usr/bin:/bin"}, childFds, cwd, newGroup, newSession);
            toClose.forEach(Files::closeQuietly);
            toClose.clear();
            if (spec.sandbox() == null) {
                awaitOwnChildStop(pid);
                applyLimits(pid, spec.limits());
                attachStopped(pid);
                return new Spawned(pid, ourFds[0], ourFds[1], ourFds[2], pid, terminalFd);
            }
            // The sandbox set its rlimits itself, before it entered its user namespace (from outside,
            // prlimit on a process in another user namespace is refused).
            int tracee = ConfinedShim.awaitStopped(pid);
            attachStopped(tracee);
            return new Spawned(tracee, ourFds[0], ourFds[1], ourFds[2], pid, terminalFd);
        } catch (RuntimeException e) {
            for (int fd : ourFds) Files.closeQuietly(fd);
            Files.closeQuietly(terminalFd);
            throw e;
        } finally {
            toClose.forEach(Files::closeQuietly);
        }
    }

    private static void awaitOwnChildStop(int pid) {
        NativeBuffer status = NativeBuffer.allocate(8);
        Wait.waitpid(pid, status, Wait.WUNTRACED);
        int s = status.getInt(0);
        if (!Wait.stopped(s)) throw new LaunchException("the launch shell ended early (status " + s + ")");
    }

    /** Seizes the self-stopped shim and lets it exec until the program's first instruction. */
    private static void attachStopped(int pid) {
        NativeBuffer status = NativeBuffer.allocate(8);
        int s;
        Ptrace.call(Ptrace.SEIZE, pid, 0, OPTIONS);
        Signals.kill(pid, Signals.SIGCONT, false);
        int execs = 0;
        while (true) {
            Wait.waitpid(pid, status, Wait.WALL);
            s = status.getInt(0);
            if (Wait.exited(s) || Wait.signaled(s)) {
                throw new LaunchException("the program could not be started (" + (Wait.exited(s)
                        ? "exit code " + Wait.exitCode(s) : "signal " + Wait.termSignal(s)) + ")");
            }
            int event = Wait.event(s);
            int sig = Wait.stopSignal(s);
            if (event == Ptrace.EVENT_EXEC && ++execs == EXECS_UNTIL_PROGRAM) return;
            int deliver = (event == 0 && sig != Signals.SIGSTOP && sig != Signals.SIGTRAP) ? sig : 0;
            Ptrace.call(Ptrace.CONT, pid, 0, deliver);
        }
    }

    private static void applyLimits(int pid, ResourceLimits limits) {
        Limits.set(pid, Limits.RLIMIT_CORE, 0);
        if (limits.addressSpaceBytes() > 0) Limits.set(pid, Limits.RLIMIT_AS, limits.addressSpaceBytes());
        if (limits.fileSizeBytes() > 0) Limits.set(pid, Limits.RLIMIT_FSIZE, limits.fileSizeBytes());
        if (limits.openFiles() > 0) Limits.set(pid, Limits.RLIMIT_NOFILE, limits.openFiles());
        if (limits.cpuSeconds() > 0) Limits.set(pid, Limits.RLIMIT_CPU, limits.cpuSeconds());
    }

    /** Fails early, with a sentence a user understands, for what exec would reject later. */
    static void checkProgram(Path program) {
        String p = program.toString();
        if (!java.nio.file.Files.exists(program)) throw new LaunchException("no such program: " + p);
        if (!java.nio.file.Files.isRegularFile(program)) throw new LaunchException("not a regular file: " + p);
        if (!java.nio.file.Files.isExecutable(program)) throw new LaunchException("not executable: " + p);
        if (p.contains("=")) {
            // env(1) would take it for a NAME=VALUE assignment.
            throw new LaunchException("program paths containing '=' are not supported: " + p);
        }
        try (InputStream in = java.nio.file.Files.newInputStream(program)) {
            byte[] magic = in.readNBytes(4);
            if (magic.length < 4 || magic[0] != 0x7f || magic[1] != 'E' || magic[2] != 'L' || magic[3] != 'F') {
                throw new LaunchException("not an ELF executable: " + p);
            }
        } catch (IOException e) {
            throw new LaunchException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private static String findEnvCommand() {
        for (String c : List.of("/usr/bin/env", "/bin/env")) {
            if (java.nio.file.Files.isExecutable(Path.of(c))) return c;
        }
        throw new LaunchException("coreutils' env is needed to start programs and was not found");
    }
}
