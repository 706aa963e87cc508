package dev.hindsight.dap.variables;

import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import dev.hindsight.dap.session.Handles;
import dev.hindsight.tracer.arch.Architecture;
import dev.hindsight.tracer.arch.Architecture.FlagBit;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.Variable;

/**
 * The children of the flags register ({@link Architecture#flagBits}): eflags' CF, PF, AF, ZF, SF,
 * TF, IF, DF, OF; cpsr's N, Z, C, V; each 0 or 1 and writable.
 */
final class FlagsContainer implements Container {
    private static final Architecture ARCH = Architecture.host();
    private final RegisterScope registers;
    private final long eflags;

    FlagsContainer(RegisterScope registers, long eflags) {
        this.registers = registers;
        this.eflags = eflags;
    }

    @Override
    public List<Variable> variables(int start, int count, boolean hex, Handles handles) {
        List<Variable> out = new ArrayList<>();
        for (FlagBit f : ARCH.flagBits()) out.add(flag(f, eflags));
        return Container.page(out, start, count);
    }

    private static Variable flag(FlagBit f, long eflags) {
        Variable v = new Variable();
        v.setName(f.name());
        v.setValue(f.isSet(eflags) ? "1" : "0");
        v.setType("bit " + f.bit());
        return v;
    }

    @Override
    public Variable set(String name, String value, boolean hex, Handles handles) {
        registers.writable(ARCH.flagsRegister());
        FlagBit flag = ARCH.flagBits().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new DapException(ErrorCode.INVALID_ARGUMENTS, "no flag '" + name + "'"));
        long bit = switch (value.strip().toLowerCase()) {
            case "1", "true", "set" -> 1;
            case "0", "false", "clear" -> 0;
            default -> throw new DapException(ErrorCode.INVALID_ARGUMENTS, "a flag is 0 or 1, not '" + value + "'");
        };
        long now = registers.target().registers().of(registers.tid()).get(ARCH.flagsRegister());
        long updated = bit == 1 ? now | (1L << flag.bit()) : now & ~(1L << flag.bit());
        registers.target().registers().set(registers.tid(), ARCH.flagsRegister(), updated);
        return flag(flag, registers.target().registers().of(registers.tid()).get(ARCH.flagsRegister()));
    }

    @Override
    public boolean holdsRegisters() {
        return true;
    }
}
