package dev.hindsight.tracer.core;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.TargetEvent;
import dev.hindsight.tracer.TargetStateException;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.testing.Commands;
import dev.hindsight.tracer.testing.CoreDumps;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A core dump opened as a target: where it stopped, its stack, values, registers and memory
 * (including library code the dump left out) as gdb reads the same dump; nothing runs.
 */
class CoreTargetTest {
    private static final String SRC = "core_dump.c";
    private final Path exe = Fixtures.compile(SRC);

    /** gdb's answers on the same dump, one console command each (between markers). */
    private static List<String> gdb(Path exe, Path core, String... commands) {
        List<String> cmd = new ArrayList<>(List.of("gdb", "-nx", "-batch"));
        for (String c : commands) cmd.addAll(List.of("-ex", "echo <<<\\n", "-ex", c));
        cmd.addAll(List.of("-ex", "echo <<<\\n", exe.toString(), core.toString()));
        String[] parts = Commands.output(cmd).split("<<<\n", -1);
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= commands.length; i++) out.add(parts[i].strip());
        return out;
    }

    private static long hex(String gdbLine) {
        Matcher m = Pattern.compile("0x([0-9a-f]+)").matcher(gdbLine);
        assertTrue(m.find(), gdbLine);
        return Long.parseUnsignedLong(m.group(1), 16);
    }

    /** "= VALUE" of gdb's print. */
    private static String printed(String gdbLine) {
        return gdbLine.substring(gdbLine.indexOf("= ") + 2);
    }

    @Test
    void gcoreAtABreakpointShowsTheStackValuesAndLibraryCodeAsGdbDoes() {
        Path core = CoreDumps.gcoreAt(exe, SRC, "snapshot");
        List<String> g = gdb(exe, core, "print/x $pc", "print doubled", "print label", "print heap", "print counter",
                "print greeting", "print/x $rsp", "x/16xb printf");
        try (Target t = Target.core(core, exe)) {
            StopEvent.Stopped s = (StopEvent.Stopped) t.lastStop();
            assertEquals(StopEvent.Reason.SIGNAL, s.reason());
            assertEquals("SIGTRAP", s.signal().name(), "gdb: Program terminated with signal SIGTRAP");
            assertEquals(hex(g.get(0)), s.pc());
            assertEquals(hex(g.get(6)), t.registers().current().get("rsp"));
            List<Frame> frames = t.frames().backtrace();
            assertEquals(List.of("inner", "main"), frames.stream().map(Frame::function).toList());
            assertEquals(Fixtures.line(SRC, "snapshot"), frames.get(0).line().line());
            assertEquals(Fixtures.line(SRC, "loop"), frames.get(1).line().line());
            Frame f = frames.get(0);
            assertEquals(printed(g.get(1)), t.frames().evaluate("doubled", f).value());
            assertEquals(printed(g.get(2)), t.frames().evaluate("label", f).value());
            assertEquals(printed(g.get(3)), t.frames().evaluate("heap", f).value(), "heap memory from the dump");
            assertEquals(printed(g.get(4)), t.frames().evaluate("counter", f).value());
            assertEquals(printed(g.get(5)), t.frames().evaluate("greeting", f).value());
            // libc's code: gcore leaves read-only library text out; it is read from the mapped file
            long printf = t.symbols().addressOf("printf").orElseThrow();
            assertEquals(hex(g.get(7)), printf, "printf where gdb finds it: libc's symbols at its load address");
            assertEquals(bytes(g.get(7)), hexBytes(t.memory().read(printf, 16)));
            assertTrue(t.symbols().modules().modules().stream().anyMatch(m -> m.path().contains("libc.so")), "libc is a loaded module");
        }
    }

    private static List<String> bytes(String gdbX) {
        List<String> out = new ArrayList<>();
        for (String line : gdbX.split("\n")) {
            for (String w : line.substring(line.indexOf(':') + 1).trim().split("\\s+")) out.add(w);
        }
        return out;
    }

    private static List<String> hexBytes(byte[] b) {
        List<String> out = new ArrayList<>();
        for (byte x : b) out.add(String.format("0x%02x", x & 0xff));
        return out;
    }

    @Test
    void aCrashShowsTheFaultItsAddressAndTheCallersRegisters() {
        Path core = CoreDumps.gcoreAfterCrash(exe, "crash");
        assertCrash(core);
    }

    @Test
    void theKernelsOwnCoreDumpOfTheCrashReadsAlike() {
        Assumptions.assumeTrue(CoreDumps.kernelWritesCoreFiles(), "core_pattern pipes cores elsewhere: no kernel core to read");
        Path core = CoreDumps.kernelCore(exe, "crash");
        assertCrash(core);
    }

    @Test
    void codeLeftOutOfTheDumpIsReadFromTheMappedFile() throws Exception {
        // A kernel with the default coredump_filter leaves file-backed code out (PT_LOAD with no
        // file bytes); this kernel and gcore may not, so the dump's segment holding printf is made so.
        Path full = CoreDumps.gcoreAfterCrash(exe, "crash");
        long printf = hex(gdb(exe, full, "x/16xb printf").get(0));
        Path core = Files.createTempDirectory("hindsight-core").resolve("undumped.core");
        try {
            Files.write(core, withoutBytesAt(Files.readAllBytes(full), printf));
            assertFalse(dumped(core, printf), "the patched dump holds nothing at printf");
            List<String> g = gdb(exe, core, "x/16xb printf");
            try (Target t = Target.core(core, exe)) {
                assertEquals(printf, t.symbols().addressOf("printf").orElseThrow());
                assertEquals(bytes(g.get(0)), hexBytes(t.memory().read(printf, 16)), "libc's bytes, as gdb reads them from libc");
            }
        } finally {
            Files.delete(core);
            Files.delete(core.getParent());
        }
    }

    /** The core with p_filesz set to 0 in the PT_LOAD holding {@code address}: its bytes count as not dumped. */
    private static byte[] withoutBytesAt(byte[] core, long address) {
        var b = java.nio.ByteBuffer.wrap(core).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long phoff = b.getLong(32);
        int size = b.getShort(54), count = b.getShort(56);
        for (int i = 0; i < count; i++) {
            int p = (int) (phoff + (long) i * size);
            long vaddr = b.getLong(p + 16), fileSize = b.getLong(p + 32);
            if (b.getInt(p) == 1 && Long.compareUnsigned(address - vaddr, fileSize) < 0) {
                b.putLong(p + 32, 0);
                return core;
            }
        }
        throw new AssertionError("no dumped segment at 0x" + Long.toHexString(address));
    }

    /** Whether readelf lists a PT_LOAD of the core with file bytes at {@code address}. */
    private static boolean dumped(Path core, long address) {
        for (String line : Commands.output(List.of("readelf", "-lW", core.toString())).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 6 || !f[0].equals("LOAD")) continue;
            long vaddr = Long.parseUnsignedLong(f[2].substring(2), 16), fileSize = Long.parseUnsignedLong(f[4].substring(2), 16);
            if (Long.compareUnsigned(address - vaddr, fileSize) < 0) return true;
        }
        return false;
    }

    private void assertCrash(Path core) {
        List<String> g = gdb(exe, core, "print/x $pc", "print/x $rsp", "print/x $rbp", "frame 1", "print/x $pc", "print doubled",
                "print label", "print $_siginfo._sifields._sigfault.si_addr");
        try (Target t = Target.core(core, exe)) {
            StopEvent.Stopped s = (StopEvent.Stopped) t.lastStop();
            assertEquals(StopEvent.Reason.SIGNAL, s.reason());
            assertEquals("SIGSEGV", s.signal().name());
            assertEquals(hex(g.get(7)), s.faultAddress().orElseThrow(), "fault address from siginfo");
            assertEquals(hex(g.get(0)), s.pc());
            assertEquals(hex(g.get(1)), t.registers().current().get("rsp"));
            assertEquals(hex(g.get(2)), t.registers().current().get("rbp"));
            List<Frame> frames = t.frames().backtrace();
            assertEquals(List.of("crash", "inner", "main"), frames.stream().map(Frame::function).toList());
            assertEquals(Fixtures.line(SRC, "crash"), frames.get(0).line().line());
            assertEquals(hex(g.get(4)), frames.get(1).pc(), "the caller's pc, unwound from the dump's stack");
            assertEquals(printed(g.get(5)), t.frames().evaluate("doubled", frames.get(1)).value());
            assertEquals(printed(g.get(6)), t.frames().evaluate("label", frames.get(1)).value());
        }
    }

    @Test
    void nothingRunsAndNothingChanges() {
        Path core = CoreDumps.gcoreAfterCrash(exe, "crash");
        try (Target t = Target.core(core, exe)) {
            List<TargetEvent> heard = new ArrayList<>();
            t.addListener(heard::add);
            for (var request : List.<java.util.function.Supplier<java.util.concurrent.CompletableFuture<StopEvent>>>of(
                    t.execution()::resume, t.execution()::stepLine, t.execution()::stepIntoLine, t.execution()::stepInstruction, t.execution()::stepOut)) {
                CompletionException e = assertThrows(CompletionException.class, () -> request.get().join());
                assertInstanceOf(TargetStateException.class, e.getCause());
                assertEquals("The program is not being run.", e.getCause().getMessage());
            }
            assertEquals(List.of(), heard, "no request started: nothing was announced as running");
            assertEquals(Target.State.STOPPED, t.state());
            assertThrows(UnsupportedOperationException.class, () -> t.registers().set(t.currentThread(), "rax", 1));
            assertThrows(UnsupportedOperationException.class, () -> t.memory().write(t.registers().current().get("rsp"), new byte[] {1}));
            assertEquals(List.of("crash", "inner", "main"), t.frames().backtrace().stream().map(Frame::function).toList(), "still readable");
        }
    }

    @Test
    void theExecutableTheDumpNamesIsUsedWhenNoneIsGiven() {
        Path core = CoreDumps.gcoreAfterCrash(exe, "crash");
        try (Target t = Target.core(core, null)) {
            assertEquals(List.of("crash", "inner", "main"), t.frames().backtrace().stream().map(Frame::function).toList());
            assertEquals(exe.toString(), t.symbols().modules().modules().stream().filter(m -> m.mainExecutable()).findFirst().orElseThrow().path());
        }
    }

    @Test
    void aMovedExecutableNamedOnTheCommandLineIsReadInsteadOfTheOneTheDumpNames() throws Exception {
        Path core = CoreDumps.gcoreAfterCrash(exe, "crash");
        Path moved = Files.createTempDirectory("hindsight-core").resolve("renamed");
        Files.copy(exe, moved);
        try (Target t = Target.core(core, moved)) {
            assertEquals(moved.toString(), t.symbols().modules().modules().stream().filter(m -> m.mainExecutable()).findFirst().orElseThrow().path());
            assertEquals(List.of("crash", "inner", "main"), t.frames().backtrace().stream().map(Frame::function).toList());
        } finally {
            Files.delete(moved);
            Files.delete(moved.getParent());
        }
    }

    @Test
    void aDumpWithoutItsListOfMappedFilesFindsTheExecutableFromTheProgramHeaders() throws Exception {
        // Kernels before 3.7 wrote no NT_FILE: the note is made unknown (its type zeroed), as gdb then reads it too
        Path full = CoreDumps.gcoreAfterCrash(exe, "crash");
        Path core = Files.createTempDirectory("hindsight-core").resolve("nofiles.core");
        try {
            Files.write(core, withoutNote(Files.readAllBytes(full), 0x46494c45));
            List<String> g = gdb(exe, core, "bt");
            try (Target t = Target.core(core, exe)) {
                List<Frame> frames = t.frames().backtrace();
                assertEquals(List.of("crash", "inner", "main"), frames.stream().map(Frame::function).toList(), g.get(0));
                assertTrue(g.get(0).contains("in crash (") && g.get(0).contains("in inner (") && g.get(0).contains("in main ("), g.get(0));
                assertEquals(Fixtures.line(SRC, "calls_crash"), frames.get(1).line().line());
            }
        } finally {
            Files.delete(core);
            Files.delete(core.getParent());
        }
    }

    /** The core with the first note of {@code type} in its PT_NOTE segment given type 0 (no one's note). */
    private static byte[] withoutNote(byte[] core, int type) {
        var b = java.nio.ByteBuffer.wrap(core).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long phoff = b.getLong(32);
        int size = b.getShort(54), count = b.getShort(56);
        for (int i = 0; i < count; i++) {
            int p = (int) (phoff + (long) i * size);
            if (b.getInt(p) != 4) continue;
            int at = (int) b.getLong(p + 8), end = at + (int) b.getLong(p + 32);
            while (at + 12 <= end) {
                int name = b.getInt(at), desc = b.getInt(at + 4);
                if (b.getInt(at + 8) == type) {
                    b.putInt(at + 8, 0);
                    return core;
                }
                at += 12 + ((name + 3) & ~3) + ((desc + 3) & ~3);
            }
        }
        throw new AssertionError("no note of type " + type);
    }

    @Test
    void aTruncatedOrForeignFileIsRefusedWithASentence() throws Exception {
        Path core = CoreDumps.gcoreAfterCrash(exe, "crash");
        Path dir = Files.createTempDirectory("hindsight-core");
        try {
            Path cut = dir.resolve("cut.core");
            byte[] all = Files.readAllBytes(core);
            Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
            CoreFileException e = assertThrows(CoreFileException.class, () -> Target.core(cut, exe));
            assertTrue(e.getMessage().contains(" is truncated"), e.getMessage());
            Path headerOnly = dir.resolve("header.core");
            Files.write(headerOnly, java.util.Arrays.copyOf(all, 100));
            e = assertThrows(CoreFileException.class, () -> Target.core(headerOnly, exe));
            assertTrue(e.getMessage().contains(" is truncated or damaged: "), e.getMessage());
            e = assertThrows(CoreFileException.class, () -> Target.core(exe, exe));
            assertTrue(e.getMessage().contains("is not a core dump: it is an ELF executable"), e.getMessage());
            Path text = dir.resolve("notes.txt");
            Files.writeString(text, "not a core\n");
            e = assertThrows(CoreFileException.class, () -> Target.core(text, exe));
            assertTrue(e.getMessage().contains("is not a core dump: ") && e.getMessage().contains("not an ELF file"), e.getMessage());
            Path huge = dir.resolve("huge.core"); // sparse: a dump's header, then 2 GiB of nothing
            try (var f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
                f.write(java.util.Arrays.copyOf(all, 4096));
                f.setLength((1L << 31) + 4096);
            }
            e = assertThrows(CoreFileException.class, () -> Target.core(huge, exe));
            assertTrue(e.getMessage().endsWith("is larger than 2 GiB: Hindsight reads core dumps up to 2 GiB"), e.getMessage());
            e = assertThrows(CoreFileException.class, () -> Target.core(dir.resolve("missing"), exe));
            assertTrue(e.getMessage().endsWith("No such file or directory."), e.getMessage());
        } finally {
            try (var s = Files.list(dir)) {
                for (Path f : s.toList()) Files.delete(f);
            }
            Files.delete(dir);
        }
    }
}
