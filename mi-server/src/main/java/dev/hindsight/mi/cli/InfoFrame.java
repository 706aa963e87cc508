package dev.hindsight.mi.cli;

import dev.hindsight.mi.commands.MiResult;
import dev.hindsight.mi.session.FrameFormat;
import dev.hindsight.mi.session.MiSession;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.dwarf.cfi.RegisterRule;
import dev.hindsight.tracer.dwarf.cfi.UnwindRow;
import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.source.ModuleSource;
import dev.hindsight.tracer.stack.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code info frame}: the selected frame as gdb describes it: its CFA ("frame at"), pc and saved
 * return address, the frames around it, the source language, where its arguments and locals are
 * addressed from, and where the call frame information says the caller's registers are saved.
 */
final class InfoFrame {
    /** gdb's register order for the saved-register list, by DWARF number (x86-64 psABI numbering). */
    private static final int[] GDB_ORDER = {0, 3, 2, 1, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    private static final String[] DWARF_NAMES = {"rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip"};

    private InfoFrame() {}

    static MiResult show(MiSession s) {
        Target t = s.stoppedTarget();
        int level = s.selectedFrameLevel();
        List<Frame> frames = t.frames().backtrace(t.currentThread(), level + 2);
        Frame f = frames.get(level);
        StringBuilder b = new StringBuilder();
        b.append("Stack level ").append(level).append(", frame at ").append(hex(f.cfa())).append(":\n");
        b.append(" rip = ").append(hex(f.pc()));
        if (f.function() != null) b.append(" in ").append(f.function());
        if (f.line() != null) b.append(" (").append(f.line().file()).append(':').append(f.line().line()).append(')');
        b.append("; saved rip = ").append(hex(word(t, f.cfa() - 8))).append('\n');
        List<String> around = new ArrayList<>();
        if (frames.size() > level + 1) around.add(" called by frame at " + hex(frames.get(level + 1).cfa()));
        if (level > 0) around.add(" caller of frame at " + hex(frames.get(level - 1).cfa()));
        if (!around.isEmpty()) b.append(String.join(",", around)).append('\n');
        if (f.line() != null) b.append(" source language ").append(language(f.line().file())).append(".\n");
        long base = frameBase(t, f);
        b.append(" Arglist at ").append(hex(base)).append(", args: ").append(arguments(t, f)).append('\n');
        b.append(" Locals at ").append(hex(base)).append(", Previous frame's sp is ").append(hex(f.cfa())).append('\n');
        List<String> saved = savedRegisters(t, f);
        if (!saved.isEmpty()) b.append(" Saved registers:\n  ").append(String.join(", ", saved)).append('\n');
        s.out().console(b.toString());
        return MiResult.done();
    }

    /** {@code a=0, b=0}: the arguments as the frame line shows them. */
    private static String arguments(Target t, Frame f) {
        String d = FrameFormat.describe(t, f);
        int open = d.indexOf(" (");
        return d.substring(open + 2, d.indexOf(')', open));
    }

    /**
     * gdb's x86-64 frame base: with the {@code push %rbp; mov %rsp,%rbp} prologue, the CFA less the
     * return address and the saved rbp (what rbp holds once the prologue ran); without it, the
     * frame's stack pointer less 8.
     */
    private static long frameBase(Target t, Frame f) {
        long start = f.pc();
        if (f.symbol() != null && f.symbol().contains("+")) {
            start -= Long.decode(f.symbol().substring(f.symbol().lastIndexOf('+') + 1));
        }
        byte[] prologue = t.memory().read(start, 4);
        boolean framePointer = prologue.length == 4 && (prologue[0] & 0xff) == 0x55 && (prologue[1] & 0xff) == 0x48
                && (prologue[2] & 0xff) == 0x89 && (prologue[3] & 0xff) == 0xe5;
        if (framePointer) return f.cfa() - 16;
        Long rsp = f.index() == 0 ? Long.valueOf(t.registers().of(f.tid()).rsp()) : f.registers().get(7);
        return rsp == null ? f.cfa() - 16 : rsp - 8;
    }

    /** {@code rbp at 0x…}: the registers the frame's CFI row says are saved in memory, at CFA + offset. */
    private static List<String> savedRegisters(Target t, Frame f) {
        List<String> out = new ArrayList<>();
        Optional<LoadedModule> m = t.symbols().modules().moduleAt(f.pc());
        if (m.isEmpty()) return out;
        Optional<UnwindRow> row = ModuleSource.of(m.get().elf()).unwinder().rowAt(f.scopePc() - m.get().bias());
        if (row.isEmpty()) return out;
        Map<Integer, RegisterRule> rules = row.get().registers();
        for (int r : GDB_ORDER) {
            RegisterRule rule = r == 16 ? row.get().rule(row.get().returnAddressRegister()) : rules.get(r);
            if (rule instanceof RegisterRule.Offset o) out.add(DWARF_NAMES[r] + " at " + hex(f.cfa() + o.offset()));
        }
        return out;
    }

    /** The source language gdb names, from the file's suffix (the compilers' own convention). */
    private static String language(String file) {
        String lower = file.toLowerCase();
        if (lower.endsWith(".c") || lower.endsWith(".h")) return "c";
        if (lower.endsWith(".s")) return "asm";
        return "c++";
    }

    private static long word(Target t, long address) {
        byte[] b = t.memory().read(address, 8);
        long v = 0;
        for (int i = b.length - 1; i >= 0; i--) v = (v << 8) | (b[i] & 0xff);
        return v;
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
