/**
 * The architecture seam: everything the engine must know about the processor it debugs, behind
 * one interface, {@link dev.hindsight.tracer.arch.Architecture}, with
 * {@link dev.hindsight.tracer.arch.X86_64} (what the engine has always done, delegating to the
 * {@code regs} classes) and {@link dev.hindsight.tracer.arch.Aarch64} as its implementations.
 *
 * <p>What it carries today: the names and kernel order of the general registers (the
 * {@code NT_PRSTATUS} regset), the pc, stack and frame registers, DWARF register numbers, the
 * breakpoint instruction and the pc rule after it traps (x86's int3 leaves pc one past it,
 * AArch64's {@code BRK #0} leaves pc at it), the system call numbers the engine issues itself,
 * Capstone's architecture and mode, the ELF machine number, and how the flags register is shown.
 * What still lives outside and must move in as AArch64 support grows (issue 16): the x86
 * register classes' use sites ({@code Registers.rip()} and friends), hardware debug registers
 * ({@code ptrace.DebugRegisters}: DR0-7 vs {@code NT_ARM_HW_BREAK/WATCH}), injected code
 * ({@code ptrace.SyscallInjector}: {@code syscall; int3}), FP/vector state, signal frames,
 * return-value and argument registers of the calling convention, and the ELF reader's machine
 * check.
 */
package dev.hindsight.tracer.arch;
