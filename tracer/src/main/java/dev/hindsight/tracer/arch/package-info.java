/**
 * The architecture seam: everything the engine must know about the processor it debugs, behind
 * one interface, {@link dev.hindsight.tracer.arch.Architecture}, with
 * {@link dev.hindsight.tracer.arch.X86_64} (what the engine has always done, delegating to the
 * {@code regs} classes) and {@link dev.hindsight.tracer.arch.Aarch64} as its implementations.
 *
 * <p>What it carries today: the names and kernel order of the general registers (the
 * {@code NT_PRSTATUS} regset, read for any architecture by {@code sys.GeneralRegisterSet}), the
 * pc, stack and frame registers, DWARF register numbers, the breakpoint instruction and the pc
 * rule after it traps (x86's int3 leaves pc one past it, AArch64's {@code BRK #0} leaves pc at
 * it; used by {@code ptrace.SoftwareBreakpoints} and {@code ptrace.Inferior}), the system call
 * numbers the engine issues itself ({@code sys.Syscall}), the {@code AUDIT_ARCH} value, the
 * integer argument and return registers of the calling convention, Capstone's architecture and
 * mode ({@code sys.CapstoneLib.open(Architecture)}), the ELF machine number, and how the flags
 * register is shown.
 *
 * <p>What still lives outside and must move in as AArch64 support grows (issue 16): the x86
 * register classes and their use sites ({@code regs.Registers} with {@code rip()} and friends,
 * {@code sys.Regs}' GETREGS, {@code regs.DwarfRegisters}, {@code Tracee.RAX}-style indices in
 * {@code ptrace} and {@code record}, {@code Inferior}'s {@code r[16]}), hardware debug registers
 * ({@code ptrace.DebugRegisters}: DR0-7 in {@code struct user} vs {@code NT_ARM_HW_BREAK/WATCH},
 * where AArch64 traps before the access), injected code ({@code ptrace.SyscallInjector}:
 * {@code syscall; int3}, {@code cpuid}), the syscall ABI of the record/replay hook
 * ({@code orig_rax} vs {@code NT_ARM_SYSTEM_CALL}), {@code confine.SeccompFilter}'s arch check and
 * syscall numbers, FP/vector state, signal frames, the disassembler's x86 spellings, and the ELF
 * reader's machine check.
 */
package dev.hindsight.tracer.arch;
