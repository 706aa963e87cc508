package dev.hindsight.tracer.stack;

import dev.hindsight.tracer.arch.Architecture;
import dev.hindsight.tracer.dwarf.cfi.Unwinder;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Signal trampolines that only their code identifies (AArch64's vDSO {@code __kernel_rt_sigreturn},
 * whose CFI describes a frame record, not the interrupted context), unwound as gdb's sigframe
 * unwinder does: the interrupted code's registers are read from the signal frame the kernel built
 * at the trampoline's stack pointer ({@link Architecture#signalSavedRegister}).
 */
final class SignalFrames {
    private SignalFrames() {}

    /** The interrupted code's registers when {@code regs}' pc is at the trampoline; empty elsewhere or where the frame is unreadable. */
    static Optional<Map<Integer, Long>> interrupted(Architecture arch, Map<Integer, Long> regs, Unwinder.Memory memory) {
        int[] code = arch.signalTrampolineCode();
        Long pc = regs.get(arch.dwarfPc()), sp = regs.get(arch.dwarfSp());
        if (code.length == 0 || pc == null || sp == null) return Optional.empty();
        for (int i = 0; i < code.length; i++) {
            OptionalLong word = memory.apply(pc + 4L * i, 4);
            if (word.isEmpty() || (int) word.getAsLong() != code[i]) return Optional.empty();
        }
        Map<Integer, Long> caller = new HashMap<>();
        for (int r = 0; r <= Math.max(arch.dwarfPc(), arch.dwarfSp()); r++) {
            long at = arch.signalSavedRegister(sp, r);
            if (at < 0) continue;
            OptionalLong value = memory.apply(at, 8);
            if (value.isEmpty()) return Optional.empty();
            caller.put(r, value.getAsLong());
        }
        return Optional.of(caller);
    }
}
