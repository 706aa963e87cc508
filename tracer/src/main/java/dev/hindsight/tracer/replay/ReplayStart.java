package dev.hindsight.tracer.replay;

import dev.hindsight.tracer.ptrace.PtraceBackend;
import dev.hindsight.tracer.ptrace.SyscallInjector;
import dev.hindsight.tracer.ptrace.Tracee;
import dev.hindsight.tracer.record.CpuidPolicy;
import dev.hindsight.tracer.record.InitialState;
import dev.hindsight.tracer.record.RecordingRefused;
import dev.hindsight.tracer.record.TraceEvent;
import dev.hindsight.tracer.record.TraceFormatException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Brings a freshly started replay to the recording's first instruction: the same preparation as
 * the recorder's (scratch page, trapping rdtsc and cpuid), the CPU checked against what the
 * recording showed, the trace's file copies opened for mmap, then the recorded stack and
 * registers put in place.
 */
final class ReplayStart {
    private static final long SYS_OPEN = 2;

    private ReplayStart() {}

    static Map<String, Integer> prepare(PtraceBackend live, RecordedTrace trace) {
        int pid = live.pid();
        live.mapScratch(pid);
        return live.withTracee(pid, t -> {
            checkCpu(t, trace);
            try {
                InitialState.trapNondeterministicInstructions(t);
            } catch (RecordingRefused e) {
                throw new TraceFormatException("cannot replay here: " + e.getMessage());
            }
            Map<String, Integer> fds = openCopies(t, trace);
            restoreInitial(t, trace.initial());
            return fds;
        });
    }

    private static void checkCpu(Tracee t, RecordedTrace trace) {
        long[] p1 = trace.presentedCpuid(1), p7 = trace.presentedCpuid(7);
        String missing = CpuidPolicy.missingOn(p1, t.realCpuid(1, 0), p7, t.realCpuid(7, 0));
        if (missing != null) {
            throw new TraceFormatException("this machine's CPU lacks features the recording showed the program (" + missing
                    + "); replay it on a machine like the recording one");
        }
    }

    private static Map<String, Integer> openCopies(Tracee t, RecordedTrace trace) {
        Map<String, Integer> fds = new HashMap<>();
        for (TraceEvent e : trace.events()) {
            if (!(e instanceof TraceEvent.Syscall s) || s.mappedFile() == null || fds.containsKey(s.mappedFile())) continue;
            byte[] path = (trace.directory().resolve("files").resolve(s.mappedFile()) + "\0").getBytes(StandardCharsets.UTF_8);
            if (path.length > 4000) throw new TraceFormatException("the trace's path is too long to replay from: " + trace.directory());
            t.write(SyscallInjector.SCRATCH_DATA, path);
            long fd = t.inject(SYS_OPEN, SyscallInjector.SCRATCH_DATA, 0, 0);
            if (fd < 0) throw new TraceFormatException("cannot open the trace's copy of " + s.mappedFile() + " (errno " + -fd + ")");
            fds.put(s.mappedFile(), (int) fd);
        }
        // The scratch page must hold what it holds in the recording: nothing.
        t.write(SyscallInjector.SCRATCH_DATA, new byte[4096]);
        return fds;
    }

    private static void restoreInitial(Tracee t, InitialState initial) {
        long[] now = t.registers();
        long[] rec = initial.registers();
        if (now[Tracee.RIP] != rec[Tracee.RIP]) {
            throw new TraceFormatException(String.format("the replay does not start where the recording did (0x%x, recorded 0x%x):"
                    + " the executable or the dynamic loader differ", now[Tracee.RIP], rec[Tracee.RIP]));
        }
        String maps;
        try {
            maps = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + t.pid() + "/maps"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        long[] range = null;
        for (String line : maps.split("\n")) {
            if (line.endsWith("[stack]")) {
                String[] r = line.substring(0, line.indexOf(' ')).split("-");
                range = new long[] {Long.parseUnsignedLong(r[0], 16), Long.parseUnsignedLong(r[1], 16)};
            }
        }
        long top = initial.stackAddress() + initial.stack().length;
        if (range == null || range[1] != top || initial.stackAddress() < range[0]) {
            throw new TraceFormatException("the replay's stack is not where the recording's was (is address randomisation on?)");
        }
        // Below the recorded stack pointer the recording's stack was untouched (zero pages).
        t.write(range[0], new byte[(int) (initial.stackAddress() - range[0])]);
        t.write(initial.stackAddress(), initial.stack());
        t.setRegisters(rec);
    }
}
