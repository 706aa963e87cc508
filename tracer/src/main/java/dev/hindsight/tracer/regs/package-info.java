/**
 * Register state as every layer passes it around: the general registers in the kernel's
 * {@code user_regs_struct} order ({@link dev.hindsight.tracer.regs.Registers}), the x87/SSE/AVX
 * state ({@link dev.hindsight.tracer.regs.FpRegisters}, with AVX-512's masks and wide vectors in
 * {@link dev.hindsight.tracer.regs.Avx512Registers}), and how a debugger shows eflags and x87
 * values. Plain immutable values: backends produce them, front ends display them.
 * {@link dev.hindsight.tracer.regs.XstateLayout} cuts the kernel's XSAVE image at the component
 * offsets CPUID gives (x86-specific, like the rest of this package).
 */
package dev.hindsight.tracer.regs;
