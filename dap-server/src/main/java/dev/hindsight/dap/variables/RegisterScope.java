package dev.hindsight.dap.variables;

import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import dev.hindsight.dap.session.Handles;
import dev.hindsight.tracer.arch.Architecture;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.regs.Registers;
import dev.hindsight.tracer.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablePresentationHint;

/**
 * The Registers scope: one variable per general register in hex, named and ordered by the
 * {@link Architecture} ({@code rax} … {@code gs_base}; {@code x0} … {@code x30}, {@code sp},
 * {@code pc}, {@code cpsr}), the flags register expandable into its flags, and a nested group of
 * vector registers: x86-64's xmm/ymm/zmm and x87 ({@link VectorRegisters}), AArch64's v0-v31 as
 * gdb's lane unions, fpsr and fpcr ({@link EvaluatedRegisters}). The innermost frame shows the thread's registers; outer
 * frames what unwinding recovered.
 */
public final class RegisterScope implements Container {
    /** The debugged processor's register names, flags and DWARF numbers (x86-64's or AArch64's). */
    private static final Architecture ARCH = Architecture.host();
    static final String VECTOR_GROUP = "Vector registers";
    /**
     * Whether each program's threads have AVX-512 state: it names the vector group at every stop,
     * and reading the FP state to learn it again cost a hand-off to the engine's thread per
     * Registers scope (the only one in a step's stackTrace, scopes and variables).
     */
    private static final Map<Target, Boolean> AVX512 = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private final Target target;
    private final int tid;
    private final Frame frame;

    public RegisterScope(Target target, Frame frame) {
        this.target = target;
        this.tid = frame.tid();
        this.frame = frame;
    }

    /** Name to value of the registers this frame knows, in display order. */
    public Map<String, Long> values() {
        Map<String, Long> out = new LinkedHashMap<>();
        if (frame.index() == 0) {
            Registers r = target.registers().of(tid);
            for (String n : ARCH.displayRegisterOrder()) out.put(n, r.get(n));
            return out;
        }
        Map<String, Long> known = new LinkedHashMap<>();
        frame.registers().forEach((num, v) -> {
            String n = ARCH.dwarfRegisterName(num);
            if (n != null) known.put(n, v);
        });
        // rsp comes with the unwound registers: where it was at the call, the CFA of the frame below.
        // (The frame's own cfa() is its caller's rsp, one frame too far out.)
        known.put(ARCH.pcRegister(), frame.pc());
        for (String n : ARCH.displayRegisterOrder()) if (known.containsKey(n)) out.put(n, known.get(n));
        return out;
    }

    @Override
    public List<Variable> variables(int start, int count, boolean hex, Handles handles) {
        List<Variable> all = new ArrayList<>();
        for (Map.Entry<String, Long> e : values().entrySet()) all.add(variable(e.getKey(), e.getValue(), handles));
        if (frame.index() == 0 && !ARCH.vectorRegisterGroup().isEmpty()) { // AArch64's v0-v31, fpsr, fpcr
            List<String> names = ARCH.vectorRegisterGroup();
            Variable group = new Variable();
            group.setName(VECTOR_GROUP);
            group.setValue(summary(names));
            group.setVariablesReference(handles.add(new EvaluatedRegisters(target, frame, names)));
            group.setNamedVariables(names.size());
            VariablePresentationHint hint = new VariablePresentationHint();
            hint.setKind("virtual");
            group.setPresentationHint(hint);
            all.add(group);
        } else if (frame.index() == 0) { // x86-64: the group of xmm/ymm/zmm and x87 registers built here
            Variable group = new Variable();
            group.setName(VECTOR_GROUP);
            group.setValue(hasAvx512() ? "xmm0-15, ymm, zmm, k0-7, st0-7, mxcsr" : "xmm0-15, ymm, st0-7, mxcsr");
            group.setVariablesReference(handles.add(new VectorRegisters(target, tid)));
            VariablePresentationHint hint = new VariablePresentationHint();
            hint.setKind("virtual");
            group.setPresentationHint(hint);
            all.add(group);
        }
        return Container.page(all, start, count);
    }

    /** Names with runs of one prefix and consecutive numbers collapsed, as the x86 group's value reads: {@code v0-31, fpsr, fpcr}. */
    static String summary(List<String> names) {
        List<String> parts = new ArrayList<>();
        java.util.regex.Pattern numbered = java.util.regex.Pattern.compile("([a-z]+)(\\d+)");
        for (int i = 0; i < names.size(); i++) {
            java.util.regex.Matcher m = numbered.matcher(names.get(i));
            int j = i;
            if (m.matches()) {
                String prefix = m.group(1);
                int n = Integer.parseInt(m.group(2));
                while (j + 1 < names.size() && names.get(j + 1).equals(prefix + (n + j + 1 - i))) j++;
            }
            parts.add(j == i ? names.get(i) : names.get(i) + "-" + names.get(j).replaceAll("^[a-z]+", ""));
            i = j;
        }
        return String.join(", ", parts);
    }

    /** Constant per program: the CPU's (a live or replayed program, a core dump) or none (an index). */
    private boolean hasAvx512() {
        Boolean known = AVX512.get(target);
        if (known == null) {
            known = target.registers().fp(tid).hasAvx512();
            AVX512.put(target, known);
        }
        return known;
    }

    private Variable variable(String name, long value, Handles handles) {
        Variable v = new Variable();
        v.setName(name);
        boolean flags = name.equals(ARCH.flagsRegister());
        v.setType(flags ? ARCH.flagsType() : name.equals(ARCH.pcRegister()) ? "code_ptr" : "int64");
        v.setEvaluateName("$" + name);
        if (flags) {
            v.setValue(Numbers.hex(value) + " " + ARCH.describeFlags(value));
            v.setVariablesReference(handles.add(new FlagsContainer(this, value)));
            v.setNamedVariables(ARCH.flagBits().size());
        } else {
            v.setValue(Numbers.hex(value));
        }
        if (name.equals(ARCH.spRegister()) || name.equals(ARCH.framePointerRegister()) || name.equals(ARCH.pcRegister())) {
            v.setMemoryReference(Numbers.hex(value));
        }
        return v;
    }

    @Override
    public Variable set(String name, String value, boolean hex, Handles handles) {
        writable(name);
        long v = Numbers.parse(value.replaceAll("\\s*\\[.*\\]\\s*$", ""));
        target.registers().set(tid, name, v);
        return variable(name, target.registers().of(tid).get(name), handles);
    }

    void writable(String name) {
        if (frame.index() != 0) {
            throw new DapException(ErrorCode.NOT_ALLOWED, "registers of outer frames cannot be written; select the innermost frame");
        }
        if (!Registers.isName(name)) throw new DapException(ErrorCode.INVALID_ARGUMENTS, "no register '" + name + "'");
    }

    Target target() {
        return target;
    }

    int tid() {
        return tid;
    }

    @Override
    public boolean holdsRegisters() {
        return true;
    }
}
