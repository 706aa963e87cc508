package dev.hindsight.tracer.step;

/**
 * What a function left in the return registers when it returned to its caller (x86-64 SysV:
 * integers and pointers in rax, floating point in xmm0; AArch64's AAPCS64: x0 and d0).
 *
 * @param function the function that returned, when known
 * @param rax      the integer return register (x0 on AArch64)
 * @param xmm0     the low 8 bytes of xmm0 (d0 on AArch64) as a double
 */
public record ReturnValue(String function, long rax, double xmm0) {}
