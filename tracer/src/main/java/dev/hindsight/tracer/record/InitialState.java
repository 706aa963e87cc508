package dev.hindsight.tracer.record;

import dev.hindsight.tracer.ptrace.PtraceBackend;
import dev.hindsight.tracer.ptrace.Tracee;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;

/**
 * The program at its first instruction, as the recording saw it once prepared: registers, the
 * stack from rsp to its top (argv, environment, auxv, AT_RANDOM's bytes), the auxv and the memory
 * map. Preparation (recorder and replayer alike): the scratch page is mapped, rdtsc and CPUID
 * made to trap, and AT_SYSINFO_EHDR turned into AT_IGNORE so libc makes real time system calls.
 */
public record InitialState(long[] registers, long stackAddress, byte[] stack, String maps, Path interpreterPath) {
    static final long AT_NULL = 0, AT_IGNORE = 1, AT_SYSINFO_EHDR = 33;

    /** Prepares a freshly started program for recording and takes its initial state. */
    static InitialState prepareForRecording(PtraceBackend b, int pid) {
        b.mapScratch(pid);
        return b.withTracee(pid, t -> {
            trapNondeterministicInstructions(t);
            long[] regs = t.registers();
            long[] stackRange = stackRange(pid);
            long rsp = regs[Tracee.RSP];
            byte[] stack = t.read(rsp, (int) (stackRange[1] - rsp));
            long at = auxvOffset(stack);
            for (long o = at; o + 16 <= stack.length; o += 16) {
                long type = le(stack, (int) o);
                if (type == AT_NULL) break;
                if (type == AT_SYSINFO_EHDR) {
                    ByteBuffer.wrap(stack).order(ByteOrder.LITTLE_ENDIAN).putLong((int) o, AT_IGNORE);
                    t.write(rsp + o, java.util.Arrays.copyOfRange(stack, (int) o, (int) o + 8));
                }
            }
            String maps = maps(pid);
            return new InitialState(regs, rsp, stack, maps, interpreter(maps, regs[Tracee.RIP]));
        });
    }

    /** rdtsc/rdtscp raise SIGSEGV (PR_TSC_SIGSEGV), and so does cpuid (CPUID faulting). */
    public static void trapNondeterministicInstructions(Tracee t) {
        long r = t.inject(RecordingHook.SYS_ARCH_PRCTL, RecordingHook.ARCH_SET_CPUID, 0);
        if (r != 0) {
            throw new RecordingRefused("this machine cannot make CPUID trap (no CPUID faulting, errno " + -r
                    + "): a recording would show the program the real CPU, which a replay elsewhere could not");
        }
        r = t.inject(RecordingHook.SYS_PRCTL, RecordingHook.PR_SET_TSC, RecordingHook.PR_TSC_SIGSEGV);
        if (r != 0) throw new RecordingRefused("cannot make rdtsc trap (prctl PR_SET_TSC failed, errno " + -r + ")");
    }

    /**
     * Turns rdtsc/rdtscp and cpuid trapping on or off again in a prepared tracee (a replay steps
     * with it off: each switch of a trapping task costs MSR writes, a VM exit on a virtual machine).
     */
    public static void setInstructionTrapping(Tracee t, boolean trap) {
        long r = t.inject(RecordingHook.SYS_ARCH_PRCTL, RecordingHook.ARCH_SET_CPUID, trap ? 0 : 1);
        if (r == 0) r = t.inject(RecordingHook.SYS_PRCTL, RecordingHook.PR_SET_TSC, trap ? RecordingHook.PR_TSC_SIGSEGV : RecordingHook.PR_TSC_ENABLE);
        if (r != 0) throw new IllegalStateException("cannot turn rdtsc/cpuid trapping " + (trap ? "on" : "off") + " (errno " + -r + ")");
    }

    /** The auxiliary vector as the program sees it (AT_* type to value, AT_IGNORE entries left out). */
    public LinkedHashMap<Long, Long> auxv() {
        LinkedHashMap<Long, Long> out = new LinkedHashMap<>();
        for (long o = auxvOffset(stack); o + 16 <= stack.length; o += 16) {
            long type = le(stack, (int) o);
            if (type == AT_NULL) break;
            if (type != AT_IGNORE) out.put(type, le(stack, (int) o + 8));
        }
        return out;
    }

    /** argc, argv[], NULL, envp[], NULL, then the auxv pairs. */
    private static long auxvOffset(byte[] stack) {
        long argc = le(stack, 0);
        int o = (int) (8 + (argc + 1) * 8);
        while (o + 8 <= stack.length && le(stack, o) != 0) o += 8;
        return o + 8;
    }

    static long[] stackRange(int pid) {
        for (String line : maps(pid).split("\n")) {
            if (line.endsWith("[stack]")) {
                String[] range = line.substring(0, line.indexOf(' ')).split("-");
                return new long[] {Long.parseUnsignedLong(range[0], 16), Long.parseUnsignedLong(range[1], 16)};
            }
        }
        throw new IllegalStateException("the program has no [stack] mapping");
    }

    static String maps(int pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/maps"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The file mapped where the first instruction is: ld.so for a dynamic executable. */
    private static Path interpreter(String maps, long pc) {
        for (String line : maps.split("\n")) {
            String[] f = line.trim().split("\\s+", 6);
            if (f.length < 6 || !f[5].startsWith("/")) continue;
            String[] range = f[0].split("-");
            if (Long.compareUnsigned(pc, Long.parseUnsignedLong(range[0], 16)) >= 0
                    && Long.compareUnsigned(pc, Long.parseUnsignedLong(range[1], 16)) < 0) return Path.of(f[5]);
        }
        return null;
    }

    static long le(byte[] b, int off) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(off);
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (DataOutputStream d = new DataOutputStream(Files.newOutputStream(dir.resolve("registers")))) {
            for (long r : registers) d.writeLong(r);
        }
        Files.write(dir.resolve("stack"), stack);
        Files.writeString(dir.resolve("maps"), maps);
    }

    /** Reads {@code initial/} of a trace; the stack address comes from the metadata. */
    public static InitialState read(Path dir, long stackAddress) {
        try (DataInputStream d = new DataInputStream(Files.newInputStream(dir.resolve("registers")))) {
            long[] regs = new long[27];
            for (int i = 0; i < regs.length; i++) regs[i] = d.readLong();
            return new InitialState(regs, stackAddress, Files.readAllBytes(dir.resolve("stack")),
                    Files.readString(dir.resolve("maps")), null);
        } catch (IOException e) {
            throw new TraceFormatException("the trace's initial state is missing or cut short (" + dir + ")");
        }
    }
}
