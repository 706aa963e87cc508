package dev.hindsight.mi.commands;

import dev.hindsight.mi.protocol.MiCommand;
import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.protocol.MiList;
import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.mi.session.MiSession;
import dev.hindsight.tracer.regs.FpRegisters;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.regs.Registers;
import dev.hindsight.tracer.Target;
import java.util.ArrayList;
import java.util.List;

/** -data-list-register-names, -data-list-register-values, -data-list-changed-registers (gdb's numbering). */
final class RegisterCommands {
    private RegisterCommands() {}

    /** Whether this host numbers its registers as gdb does on aarch64 ({@link Aarch64RegisterTable}). */
    static final boolean AARCH64 = dev.hindsight.tracer.arch.Architecture.host() instanceof dev.hindsight.tracer.arch.Aarch64;

    static MiResult names(MiSession s, MiCommand c) {
        MiList l = MiList.of();
        List<String> names = AARCH64 ? Aarch64RegisterTable.names(aarch64DescriptionOf(s)) : RegisterTable.names(descriptionOf(s));
        for (int n : numbers(names, c.args(), false)) l.value(names.get(n));
        return MiResult.done("register-names", l);
    }

    static MiResult values(MiSession s, MiCommand c) {
        List<String> args = new ArrayList<>(c.args());
        boolean skipUnavailable = args.remove("--skip-unavailable");
        if (args.isEmpty()) throw new MiException("-data-list-register-values: Usage: -data-list-register-values [--skip-unavailable] <format> [<regnum1>...<regnumN>]");
        String f = args.remove(0);
        if (f.length() != 1 || "xotdrN".indexOf(f.charAt(0)) < 0) throw new MiException("Unknown format: " + f);
        char fmt = f.charAt(0);
        Target t = s.stoppedTarget();
        Registers r = registersOfSelectedFrame(s, t);
        if (AARCH64) return aarch64Values(t, r, args, fmt, skipUnavailable);
        FpRegisters fp = fp(t);
        MiList l = MiList.of();
        for (int n : numbers(RegisterTable.names(fp), args, true)) {
            String value = value(t, n, r, fp, fmt);
            if (value == null && skipUnavailable) continue;
            l.value(MiTuple.of().add("number", n).add("value", value == null ? "<unavailable>" : value));
        }
        return MiResult.done("register-values", l);
    }

    private static MiResult aarch64Values(Target t, Registers r, List<String> args, char fmt, boolean skipUnavailable) {
        List<String> names = Aarch64RegisterTable.names(Aarch64Features.host());
        Aarch64RegisterTable.State state = Aarch64RegisterTable.State.of(t, r);
        MiList l = MiList.of();
        for (int n : numbers(names, args, true)) {
            String value = names.get(n).isEmpty() ? null : aarch64Value(t, names.get(n), state, fmt);
            if (value == null && skipUnavailable) continue;
            l.value(MiTuple.of().add("number", n).add("value", value == null ? "<unavailable>" : value));
        }
        return MiResult.done("register-values", l);
    }

    /** An AArch64 register's text; pc's natural one with its symbol ({@code 0x40069c <main+88>}), as gdb's code pointers. */
    static String aarch64Value(Target t, String name, Aarch64RegisterTable.State state, char fmt) {
        String text = Aarch64RegisterText.text(name, state, fmt);
        if (text != null && name.equals("pc") && fmt == 'N') {
            text += t.symbols().symbolize(state.general().pc()).map(sym -> " <" + sym + ">").orElse("");
        }
        return text;
    }

    private static String value(Target t, int n, Registers r, FpRegisters fp, char fmt) {
        String text = RegisterTable.text(n, r, fp, fmt);
        RegisterTable.Raw raw = RegisterTable.read(n, r, fp);
        if (text != null && raw != null && raw.kind() == RegisterTable.Kind.CODE_PTR && fmt == 'N') {
            text += t.symbols().symbolize(raw.value()).map(sym -> " <" + sym + ">").orElse("");
        }
        return text;
    }

    /** Frame 0's registers, or a caller's as the unwinder recovered them (the rest as in frame 0). */
    static Registers registersOfSelectedFrame(MiSession s, Target t) {
        Registers r = t.registers().of(t.currentThread());
        Frame f = s.frame();
        if (f.index() == 0) return r;
        if (AARCH64) {
            // AADWARF64 numbers: 0-30 x0-x30, 31 sp
            for (var e : f.registers().entrySet()) {
                if (e.getKey() >= 0 && e.getKey() <= 31) r = r.with(e.getKey() == 31 ? "sp" : "x" + e.getKey(), e.getValue());
            }
            return r.with("pc", f.pc());
        }
        // DWARF numbering: 0 rax 1 rdx 2 rcx 3 rbx 4 rsi 5 rdi 6 rbp 7 rsp 8-15 r8-r15 16 return address
        String[] dwarf = {"rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
        for (var e : f.registers().entrySet()) {
            if (e.getKey() >= 0 && e.getKey() < 16) r = r.with(dwarf[e.getKey()], e.getValue());
        }
        return r.with("rip", f.pc());
    }

    private static FpRegisters fp(Target t) {
        try {
            return t.registers().fp(t.currentThread());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The host's features while a program runs (gdb's description then), gdb's default description of the executable before. */
    private static Aarch64Features aarch64DescriptionOf(MiSession s) {
        Target t = s.target();
        return t == null || t.state() != Target.State.STOPPED ? Aarch64Features.NO_PROCESS : Aarch64Features.host();
    }

    /** The program's wide registers, whose presence gives gdb's description; null before it runs (gdb's default, amd64). */
    private static FpRegisters descriptionOf(MiSession s) {
        Target t = s.target();
        return t == null || t.state() != Target.State.STOPPED ? null : fp(t);
    }

    private static List<Integer> numbers(List<String> names, List<String> args, boolean skipEmpty) {
        List<Integer> out = new ArrayList<>();
        if (args.isEmpty()) {
            for (int i = 0; i < names.size(); i++) if (!skipEmpty || !names.get(i).isEmpty()) out.add(i);
            return out;
        }
        for (String a : args) {
            try {
                int n = Integer.parseInt(a);
                if (n < 0 || n >= names.size()) throw new MiException("bad register number");
                out.add(n);
            } catch (NumberFormatException e) {
                throw new MiException("bad register number");
            }
        }
        return out;
    }

    /** Every register after a new program starts (nothing to compare with), then those whose value changed. */
    static MiResult changed(MiSession s, MiCommand c) {
        Target t = s.stoppedTarget();
        Registers r = t.registers().of(t.currentThread());
        FpRegisters fp = AARCH64 ? null : fp(t);
        List<String> names = AARCH64 ? Aarch64RegisterTable.names(Aarch64Features.host()) : RegisterTable.names(fp);
        Aarch64RegisterTable.State state = AARCH64 ? Aarch64RegisterTable.State.of(t, r) : null;
        String[] now = new String[names.size()];
        for (int n = 0; n < now.length; n++) {
            now[n] = !AARCH64 ? value(t, n, r, fp, 'x') : names.get(n).isEmpty() ? null : Aarch64RegisterText.text(names.get(n), state, 'x');
        }
        String[] before = s.registerSnapshot(t, now);
        MiList l = MiList.of();
        for (int n = 0; n < now.length; n++) {
            if (names.get(n).isEmpty()) continue;
            if (before == null || now[n] != null && !now[n].equals(before[n])) l.value(String.valueOf(n));
        }
        return MiResult.done("changed-registers", l);
    }
}
