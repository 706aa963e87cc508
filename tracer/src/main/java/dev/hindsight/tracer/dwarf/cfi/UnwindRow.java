package dev.hindsight.tracer.dwarf.cfi;

import java.util.Map;

/** The CFI row in effect at a pc: the CFA rule and the rules of registers that have one. */
public record UnwindRow(long location, CfaRule cfa, Map<Integer, RegisterRule> registers, int returnAddressRegister,
                        boolean signalFrame, long argsSize) {
    public RegisterRule rule(int register) {
        return registers.getOrDefault(register, null);
    }
}
