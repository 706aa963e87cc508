package dev.hindsight.tracer.effects;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The tracker on single instructions in an array-backed memory, for what a whole program cannot
 * show on demand: unmodelled stores are reported (never dropped), cached code costs no read,
 * and code the program overwrote is decoded again. Encodings are GNU as output (in comments).
 */
class EffectsTrackerTest {
    private static final long CODE = 0x401000, DATA = 0x402000;
    private static final int RIP = 16, RSP = 19, RDI = 14, RAX = 10;

    /** 8 KiB at CODE: code page then data page; counts reads. */
    static final class CountingMemory implements MemoryAccess {
        final byte[] bytes = new byte[8192];
        int reads;

        @Override
        public int read(long address, byte[] buffer, int offset, int length) {
            reads++;
            long from = Math.max(address, CODE), to = Math.min(address + length, CODE + bytes.length);
            if (from != address || to <= from) return 0;
            System.arraycopy(bytes, (int) (from - CODE), buffer, offset, (int) (to - from));
            return (int) (to - from);
        }

        void put(long address, String hex) {
            byte[] b = HexFormat.of().parseHex(hex.replace(" ", ""));
            System.arraycopy(b, 0, bytes, (int) (address - CODE), b.length);
        }
    }

    private static long[] regs(long pc) {
        long[] r = new long[27];
        r[RIP] = pc;
        r[RDI] = DATA;
        r[RSP] = DATA + 4096;
        return r;
    }

    private static StepEffects step(EffectsTracker t, long pc, long nextPc) {
        t.beforeStep(regs(pc));
        return t.afterStep(regs(nextPc));
    }

    @Test
    void storesTheTrackerCannotModelAreReportedWithTheirName() {
        CountingMemory m = new CountingMemory();
        m.put(CODE, "62 f2 7d 49 a0 04 8f");     // vpscatterdd %zmm0,(%rdi,%zmm1,4){%k1}
        m.put(CODE + 16, "c4 e1 f9 91 0f");      // kmovd %k1,(%rdi): Capstone 4 cannot decode it
        try (EffectsTracker t = new EffectsTracker(m)) {
            StepEffects scatter = step(t, CODE, CODE + 7);
            assertTrue(scatter.hasUnknownWrite(), scatter.toString());
            assertTrue(scatter.unknownWrite().contains("vpscatterdd"), scatter.unknownWrite());
            StepEffects kmov = step(t, CODE + 16, CODE + 21);
            assertTrue(kmov.hasUnknownWrite(), kmov.toString());
        }
    }

    @Test
    void registerFormsCapstoneCannotDecodeWriteNothing() {
        CountingMemory m = new CountingMemory();
        m.put(CODE, "c5 fb 93 c8");              // kmovd %k0,%ecx
        m.put(CODE + 16, "62 b2 66 20 26 c3");   // vptestnmb %ymm19,%ymm19,%k0
        m.put(CODE + 32, "f3 48 0f 1e c8");      // rdsspq %rax
        try (EffectsTracker t = new EffectsTracker(m)) {
            for (long pc : new long[] {CODE, CODE + 16, CODE + 32}) {
                StepEffects e = step(t, pc, pc + 4);
                assertFalse(e.hasUnknownWrite(), e.toString());
                assertEquals(0, e.writes().size(), e.toString());
            }
        }
    }

    @Test
    void cachedCodeCostsNoReadAndEachWriteOneReadUnlessTheInstructionNamesTheBytes() {
        CountingMemory m = new CountingMemory();
        m.put(CODE, "01 07 89 07 83 c0 01");     // add %eax,(%rdi); mov %eax,(%rdi); add $0x1,%eax
        try (EffectsTracker t = new EffectsTracker(m)) {
            step(t, CODE, CODE + 2);
            step(t, CODE + 2, CODE + 4);
            step(t, CODE + 4, CODE);
            m.reads = 0;
            for (int i = 0; i < 10; i++) {
                StepEffects sum = step(t, CODE, CODE + 2);
                assertEquals(DATA, sum.writes().get(0).address());
                assertEquals(4, sum.writes().get(0).size());
                StepEffects store = step(t, CODE + 2, CODE + 4);
                assertEquals(DATA, store.writes().get(0).address());
                assertEquals(4, store.writes().get(0).size());
                step(t, CODE + 4, CODE);
            }
            assertEquals(10, m.reads, "one read per read-modify-write, none for a register's store or for code already confirmed");
        }
    }

    @Test
    void codeTheProgramOverwroteIsDecodedAgain() {
        CountingMemory m = new CountingMemory();
        m.put(CODE, "89 07");                    // mov %eax,(%rdi), with rdi pointing at itself below
        try (EffectsTracker t = new EffectsTracker(m)) {
            long[] before = regs(CODE);
            before[RDI] = CODE;
            t.beforeStep(before);
            m.put(CODE, "50 90 90 90");          // what the store left there: push %rax; nop…
            long[] after = before.clone();
            after[RIP] = CODE + 2;
            StepEffects store = t.afterStep(after);
            assertEquals(CODE, store.writes().get(0).address(), "the write onto code is reported");
            t.beforeStep(regs(CODE));
            long[] pushed = regs(CODE + 1);
            pushed[RSP] -= 8;
            StepEffects push = t.afterStep(pushed);
            assertEquals(1, push.writes().size(), "decoded again as push: " + push);
            assertEquals(DATA + 4096, push.writes().get(0).end(), "push wrote just below rsp");
        }
    }

    @Test
    void codeChangedBehindTheTrackersBackIsSeenAfterASystemCallOrAnInvalidation() {
        CountingMemory m = new CountingMemory();
        m.put(CODE, "0f 05");                    // syscall
        m.put(CODE + 16, "90");                  // nop
        try (EffectsTracker t = new EffectsTracker(m)) {
            assertEquals(InstructionKind.SYSCALL, step(t, CODE, CODE + 2).kind());
            assertEquals(0, step(t, CODE + 16, CODE + 17).writes().size());
            step(t, CODE, CODE + 2);             // the "kernel" (say, an mmap over it) replaces the code
            m.put(CODE + 16, "89 07");           // mov %eax,(%rdi)
            assertEquals(1, step(t, CODE + 16, CODE + 18).writes().size(), "re-read after the system call");
            m.put(CODE + 16, "90");
            t.invalidateCode();                  // a debugger wrote it
            assertEquals(0, step(t, CODE + 16, CODE + 17).writes().size(), "re-read after invalidateCode");
        }
    }

    @Test
    void bitTestsWithARegisterOffsetAddressTheBitString() {
        CountingMemory m = new CountingMemory();
        m.put(CODE, "48 0f ab 07");              // bts %rax,(%rdi)
        try (EffectsTracker t = new EffectsTracker(m)) {
            long[] before = regs(CODE);
            before[RAX] = -1;                    // bit -1: the quadword below rdi
            t.beforeStep(before);
            long[] after = before.clone();
            after[RIP] = CODE + 4;
            assertEquals(DATA - 8, t.afterStep(after).writes().get(0).address());
        }
    }
}
