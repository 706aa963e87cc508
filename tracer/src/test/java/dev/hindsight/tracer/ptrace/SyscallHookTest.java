package dev.hindsight.tracer.ptrace;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.backend.Resume;
import dev.hindsight.tracer.sys.SigInfo;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The syscall hook and the injector, against hello.c's real system calls (numbers from the x86-64 ABI). */
class SyscallHookTest {
    private static final long SYS_WRITE = 1, SYS_GETPID = 39, SYS_EXIT_GROUP = 231;

    /** Records entries and exits; swallows write(1, …) (skipped at entry, "all written" at exit). */
    static final class Swallower implements SyscallHook {
        final List<String> seen = new ArrayList<>();
        final StringBuilder swallowed = new StringBuilder();
        private long skippedLength = -1;

        @Override
        public void entry(Tracee t) {
            long[] r = t.registers();
            seen.add("entry " + r[Tracee.ORIG_RAX]);
            if (r[Tracee.ORIG_RAX] == SYS_WRITE && r[Tracee.RDI] == 1) {
                swallowed.append(new String(t.read(r[Tracee.RSI], (int) r[Tracee.RDX]), StandardCharsets.UTF_8));
                skippedLength = r[Tracee.RDX];
                r[Tracee.ORIG_RAX] = -1;
                t.setRegisters(r);
            }
        }

        @Override
        public void exit(Tracee t) {
            long[] r = t.registers();
            seen.add("exit " + r[Tracee.ORIG_RAX]);
            if (skippedLength >= 0) {
                r[Tracee.RAX] = skippedLength;
                t.setRegisters(r);
                skippedLength = -1;
            }
        }

        @Override
        public SignalAction signal(Tracee t, int signal, SigInfo info) {
            return SignalAction.PASS;
        }
    }

    @Test
    void hookSeesEveryCallAndCanSkipOne() throws Exception {
        try (PtraceBackend b = PtraceBackend.launch(LaunchSpec.of(Fixtures.compile("hello.c")), t -> {}, t -> {})) {
            Swallower hook = new Swallower();
            b.setSyscallHook(hook);
            StopEvent end = b.resume(Resume.proceed(b.pid())).get(30, TimeUnit.SECONDS);
            assertEquals(new StopEvent.Exited(0, null), end, "printf saw its write succeed, so main returned 0");
            assertEquals("hello 3\n", hook.swallowed.toString());
            assertTrue(hook.seen.contains("entry " + SYS_WRITE) && hook.seen.contains("exit -1"), hook.seen.toString());
            assertEquals("entry " + SYS_EXIT_GROUP, hook.seen.get(hook.seen.size() - 1), "exit_group has no exit stop");
            // Nothing reached the real stdout: the skipped write never ran.
            try (var out = new java.io.FileInputStream("/proc/self/fd/" + b.stdioFds()[1])) {
                assertEquals(-1, out.read(new byte[64]), "the pipe is at its end with nothing in it");
            }
        }
    }

    @Test
    void singleStepOverSyscallGoesThroughTheHook() throws Exception {
        try (PtraceBackend b = PtraceBackend.launch(LaunchSpec.of(Fixtures.compile("hello.c")), t -> {}, t -> {})) {
            Swallower hook = new Swallower();
            b.setSyscallHook(hook);
            int entries = 0;
            StopEvent last = null;
            for (int i = 0; i < 2_000_000 && !(last instanceof StopEvent.Exited); i++) {
                long pc = b.registers(b.pid()).rip();
                byte[] insn = new byte[2];
                b.readMemory(pc, insn, 0, 2);
                int before = hook.seen.size();
                last = b.resume(Resume.step(b.pid())).get(30, TimeUnit.SECONDS);
                if (insn[0] == 0x0f && insn[1] == 0x05 && last instanceof StopEvent.Stopped) {
                    assertEquals(before + 2, hook.seen.size(), "one step over syscall = its entry and exit");
                    assertEquals(pc + 2, ((StopEvent.Stopped) last).pc());
                    entries++;
                } else if (last instanceof StopEvent.Stopped) {
                    assertEquals(before, hook.seen.size(), "no syscall stop for an ordinary instruction");
                }
            }
            assertEquals(new StopEvent.Exited(0, null), last);
            assertTrue(entries > 10, "ld.so and libc make many calls: " + entries);
            assertEquals("hello 3\n", hook.swallowed.toString());
        }
    }

    @Test
    void injectedSyscallsRunInTheTraceeAndLeaveItsRegisters() throws Exception {
        try (PtraceBackend b = PtraceBackend.launch(LaunchSpec.of(Fixtures.compile("hello.c")), t -> {}, t -> {})) {
            var before = b.registers(b.pid());
            long pid = b.withTracee(b.pid(), t -> t.inject(SYS_GETPID));
            assertEquals(b.pid(), pid);
            assertTrue(b.memoryMap().contains("700000000000-700000002000 rwxp"), b.memoryMap());
            assertArrayEquals(before.raw(), b.registers(b.pid()).raw());
            byte[] code = new byte[3];
            b.readMemory(before.rip(), code, 0, 3);
            assertNotEquals((byte) 0xcc, code[2], "the borrowed bytes at the pc are put back");
            assertEquals(new StopEvent.Exited(0, null), b.resume(Resume.proceed(b.pid())).get(30, TimeUnit.SECONDS));
        }
    }
}
