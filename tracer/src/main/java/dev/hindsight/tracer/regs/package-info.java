/**
 * Register state as every layer passes it around: the general registers in the kernel's
 * {@code user_regs_struct} order ({@link dev.hindsight.tracer.regs.Registers}), the x87/SSE/AVX
 * state ({@link dev.hindsight.tracer.regs.FpRegisters}), and how a debugger shows eflags and x87
 * values. Plain immutable values: backends produce them, front ends display them.
 */
package dev.hindsight.tracer.regs;
