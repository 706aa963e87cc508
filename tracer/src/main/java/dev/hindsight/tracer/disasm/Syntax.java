package dev.hindsight.tracer.disasm;

/** Assembly syntax of the rendered text; classification and lengths do not depend on it. */
public enum Syntax {
    /** GNU/AT&T, as gdb and objdump print by default: {@code mov %rsp,%rbp}. */
    ATT,
    /** Intel, as {@code objdump -M intel} / {@code set disassembly-flavor intel}: {@code mov rbp, rsp}. */
    INTEL
}
