package dev.hindsight.tracer.dwarf.cfi;

/**
 * How far a function without call-frame information has set up its frame at a pc, read from its
 * first instructions the way gdb's x86-64 prologue analyser does: only {@code push %rbp} and
 * {@code mov %rsp,%rbp} (optionally after {@code endbr64}) are recognised; anything else is
 * taken as a frameless function whose return address is at the stack pointer.
 *
 * @param framePointerSet {@code mov %rsp,%rbp} has run: the rbp chain describes the frame
 * @param rbpPushed       {@code push %rbp} has run, so the return address is 8 bytes higher
 */
public record Prologue(boolean framePointerSet, boolean rbpPushed) {
    private static final byte[] ENDBR64 = {(byte) 0xf3, 0x0f, 0x1e, (byte) 0xfa};
    private static final byte[][] MOV_RSP_RBP = {{0x48, (byte) 0x89, (byte) 0xe5}, {0x48, (byte) 0x8b, (byte) 0xec}};

    /** {@code code} starts at the function's first byte; {@code pcOffset} is how far into it the pc is. */
    public static Prologue analyze(byte[] code, long pcOffset) {
        int at = startsWith(code, 0, ENDBR64) ? ENDBR64.length : 0;
        if (at >= code.length || code[at] != 0x55) return new Prologue(false, false);
        boolean pushed = pcOffset > at;
        int mov = at + 1;
        for (byte[] pattern : MOV_RSP_RBP) {
            if (startsWith(code, mov, pattern)) return new Prologue(pcOffset > mov, pushed);
        }
        return new Prologue(false, pushed);
    }

    private static boolean startsWith(byte[] code, int at, byte[] pattern) {
        if (at + pattern.length > code.length) return false;
        for (int i = 0; i < pattern.length; i++) if (code[at + i] != pattern[i]) return false;
        return true;
    }
}
