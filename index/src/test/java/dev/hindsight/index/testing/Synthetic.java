package dev.hindsight.index.testing;

import dev.hindsight.index.Region;
import dev.hindsight.index.StepKind;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic made-up instruction stream shaped like a compiled loop (for scale and bad-input
 * tests, and the 50M benchmark): a 24-instruction loop body calling a 10-instruction function
 * every iteration, one or two registers changing per instruction, about one write in three
 * (stack slots, a global array walked by the loop, a pushed return address), a system call every
 * 50,000 instructions.
 */
public final class Synthetic {
    public static final long TEXT = 0x401000, DATA = 0x404000, STACK_TOP = 0x7ffffffff000L;
    public static final int DATA_SIZE = 1 << 16;

    private Synthetic() {}

    public static void generate(long count, Recording.Visitor out) {
        SplittableRandom random = new SplittableRandom(42);
        long[] regs = new long[27];
        regs[19] = STACK_TOP - 0x1000;
        regs[4] = regs[19] + 0x40;
        regs[16] = TEXT;
        regs[18] = 0x246;
        regs[17] = 0x33;
        regs[20] = 0x2b;
        out.start(1000, regs.clone(), new byte[512], List.of(
                new Region(DATA, new byte[DATA_SIZE], "rw-p", "synthetic"),
                new Region(STACK_TOP - 0x21000, new byte[0x21000], "rw-p", "[stack]")));
        long pcInLoop = 0, iteration = 0;
        boolean inCall = false;
        long callPc = 0;
        for (long t = 0; t < count; t++) {
            int kind = StepKind.OTHER.ordinal();
            long[] addresses = null;
            byte[][] values = null;
            if (!inCall && pcInLoop == 12) kind = StepKind.CALL.ordinal();
            if (inCall && callPc == 9) kind = StepKind.RETURN.ordinal();
            if (t % 50_000 == 49_999) kind = StepKind.SYSCALL.ordinal();
            int r = (int) (pcInLoop % 6) + 9;
            regs[r] += inCall ? 1 : random.nextInt(16);
            if (pcInLoop % 3 == 0) regs[18] ^= 0x40;
            if (kind == StepKind.CALL.ordinal()) {
                addresses = new long[] {regs[19] - 8};
                values = new byte[][] {le(regs[16] + 5)};
            } else if (t % 3 == 0) {
                long at = inCall ? regs[19] - 24 : pcInLoop % 2 == 0 ? regs[4] - 8 - 8 * (pcInLoop % 4) : DATA + (iteration * 8 % DATA_SIZE);
                addresses = new long[] {at};
                values = new byte[][] {le(regs[r])};
            }
            byte[] fx = iteration % 64 == 0 && pcInLoop == 3 && !inCall ? fxsave(iteration) : null;
            out.instruction(1000, regs.clone(), kind, addresses, values, fx);
            if (kind == StepKind.SYSCALL.ordinal()) {
                out.syscall(1, new long[] {1, DATA, 8, 0, 0, 0}, 8, new long[] {DATA + 64}, new byte[][] {le(t)});
                out.output(t, 1, ("tick " + t + "\n").getBytes());
            }
            // Advance the pc like the program would.
            if (kind == StepKind.CALL.ordinal()) {
                regs[19] -= 8;
                inCall = true;
                callPc = 0;
                regs[16] = TEXT + 0x200;
            } else if (kind == StepKind.RETURN.ordinal()) {
                regs[19] += 8;
                inCall = false;
                pcInLoop++;
                regs[16] = TEXT + pcInLoop * 4;
            } else if (inCall) {
                callPc++;
                regs[16] = TEXT + 0x200 + callPc * 3;
            } else {
                pcInLoop = (pcInLoop + 1) % 24;
                if (pcInLoop == 0) iteration++;
                regs[16] = TEXT + pcInLoop * 4;
            }
        }
    }

    private static byte[] fxsave(long seed) {
        byte[] fx = new byte[512];
        fx[0] = 0x7f;
        fx[1] = 0x03;
        for (int i = 160; i < 176; i++) fx[i] = (byte) (seed * 31 + i);
        return fx;
    }

    static byte[] le(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) b[i] = (byte) (v >>> (8 * i));
        return b;
    }
}
