package dev.hindsight.dap.variables;

import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import dev.hindsight.dap.session.Handles;
import dev.hindsight.tracer.regs.Eflags;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.Variable;

/** The children of {@code eflags}: CF, PF, AF, ZF, SF, TF, IF, DF, OF as 0 or 1, each writable. */
final class FlagsContainer implements Container {
    private final RegisterScope registers;
    private final long eflags;

    FlagsContainer(RegisterScope registers, long eflags) {
        this.registers = registers;
        this.eflags = eflags;
    }

    @Override
    public List<Variable> variables(int start, int count, boolean hex, Handles handles) {
        List<Variable> out = new ArrayList<>();
        for (Eflags f : Eflags.values()) out.add(flag(f, eflags));
        return Container.page(out, start, count);
    }

    private static Variable flag(Eflags f, long eflags) {
        Variable v = new Variable();
        v.setName(f.name());
        v.setValue(f.isSet(eflags) ? "1" : "0");
        v.setType("bit " + f.bit());
        return v;
    }

    @Override
    public Variable set(String name, String value, boolean hex, Handles handles) {
        registers.writable("eflags");
        Eflags flag;
        try {
            flag = Eflags.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new DapException(ErrorCode.INVALID_ARGUMENTS, "no flag '" + name + "'");
        }
        long bit = switch (value.strip().toLowerCase()) {
            case "1", "true", "set" -> 1;
            case "0", "false", "clear" -> 0;
            default -> throw new DapException(ErrorCode.INVALID_ARGUMENTS, "a flag is 0 or 1, not '" + value + "'");
        };
        long now = registers.target().registers(registers.tid()).eflags();
        long updated = bit == 1 ? now | (1L << flag.bit()) : now & ~(1L << flag.bit());
        registers.target().setRegister(registers.tid(), "eflags", updated);
        return flag(flag, registers.target().registers(registers.tid()).eflags());
    }

    @Override
    public boolean holdsRegisters() {
        return true;
    }
}
