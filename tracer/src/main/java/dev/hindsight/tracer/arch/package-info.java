/**
 * The architecture seam: everything the engine must know about the processor it debugs, behind
 * one interface, {@link dev.hindsight.tracer.arch.Architecture}, with
 * {@link dev.hindsight.tracer.arch.X86_64} (what the engine has always done, delegating to the
 * {@code regs} classes) and {@link dev.hindsight.tracer.arch.Aarch64} as its implementations.
 *
 * <p>What it carries today: the names and kernel order of the general registers (the
 * {@code NT_PRSTATUS} block; {@code regs.Registers} holds any architecture's, its {@code rip()},
 * {@code rsp()}, {@code rbp()}, {@code rax()}, {@code eflags()} answering pc, sp, frame pointer,
 * return register and flags; {@code sys.GeneralRegisterAccess} reads them with x86's GETREGS
 * ({@code sys.Regs}) or the regset ({@code sys.GeneralRegisterSet})), the pc, stack and frame
 * registers and the pc's index ({@code ptrace.Inferior}), DWARF register numbers (names, pc, sp,
 * frame pointer, callee-saved and link registers: {@code regs.DwarfRegisters},
 * {@code dwarf.cfi.Unwinder}), the breakpoint instruction and the pc rule after it traps (x86's
 * int3 leaves pc one past it, AArch64's {@code BRK #0} leaves pc at it; used by
 * {@code ptrace.SoftwareBreakpoints} and by {@code ptrace.Inferior} for breakpoint stops and to
 * tell a step from a trap), the system call numbers the engine issues itself ({@code sys.Syscall})
 * and those {@code confine.SeccompFilter} refuses ({@link dev.hindsight.tracer.arch.ConfinedSyscalls}),
 * the {@code AUDIT_ARCH} value, the integer argument and return registers of the calling
 * convention, Capstone's architecture and mode ({@code sys.CapstoneLib.open(Architecture)}, what
 * {@code disasm.Disassembler} opens for the host), the ELF machine number ({@code elf.ElfFile}
 * refuses another machine's file by name), and how the flags register is shown (its name, gdb's
 * type name and its flag bits, which DAP's Registers scope (listed by the web page) and {@code trace --json}
 * list along with {@code displayRegisterOrder()}). Where a call leaves its return address (the
 * link register, x30, or the stack) decides {@code step.StepEngine}'s finish at a return
 * instruction and its way out of code without lines; {@code ptrace.Inferior} steps past a program's
 * own breakpoint instruction where the trap leaves the pc on it (AArch64's {@code BRK}). Hardware
 * watchpoints have one implementation per architecture in {@code ptrace.DebugRegisters} (DR0-7 in
 * {@code struct user}; {@code NT_ARM_HW_WATCH}, stepped over because AArch64 traps before the
 * access); FP/SIMD state likewise ({@code regs.FpRegisters} for x86's FXSAVE/XSAVE,
 * {@code regs.FpsimdRegisters} through {@code sys.FpsimdRegisterSet} for AArch64's
 * {@code NT_FPREGSET}, {@code Backend.fpsimdRegisters}). Registers in expressions by their names
 * ({@link dev.hindsight.tracer.arch.RegisterView}: {@code $rax}…, {@code $x0}, {@code $w0},
 * {@code $d0}, {@code $cpsr}…; {@code values.expr}), the vector registers' types as gdb's lane
 * unions ({@link dev.hindsight.tracer.arch.VectorUnion}: {@code vec128}, {@code vec256i},
 * {@code aarch64v} and its q/d/s/h/b unions), the status registers' flags
 * ({@link dev.hindsight.tracer.arch.FlagsLayout}: {@code fpsr_flags}, {@code fpcr_flags}), the
 * format of {@code long double} ({@code longDoubleIsBinary128}: x87 or binary128), the
 * floating-point return register, the front ends' vector group ({@code vectorRegisterGroup}: DAP's
 * AArch64 v0-v31, fpsr, fpcr) and the vector registers' DWARF numbers
 * ({@code values.ValueContext}); the flags type's decoding ({@code values.format.ValuePrinter}, by
 * {@code Architecture.ofFlagsType}); the thread pointer ({@code Backend.threadPointer}: fs_base,
 * {@code NT_ARM_TLS}) and the TLS variant ({@code values.scope.ThreadLocalStorage}); the signal
 * trampoline known by its code and where its frame saves the interrupted registers
 * ({@code stack.SignalFrames}); return values by convention ({@code values.ReturnConvention}:
 * {@code ReturnRegisters} for System V, {@code Aapcs64Returns}).
 *
 * <p>What still lives outside and must move in as AArch64 support grows (issue 16):
 * {@code Tracee.RAX}-style indices in {@code ptrace.Tracee}, {@code ptrace.SyscallInjector} and
 * {@code record}/{@code replay}, with the injected code ({@code syscall; int3}, {@code cpuid}),
 * {@code SyscallHook.Instruction}'s x86 byte patterns and the hook's syscall ABI ({@code orig_rax}
 * vs {@code NT_ARM_SYSTEM_CALL}); the unwinder's prologue analysis where no CFI covers a pc
 * ({@code dwarf.cfi.Prologue}: x86 bytes; AArch64 takes such code as a leaf with its return
 * address in x30); the disassembler's x86 spellings ({@code ObjdumpSpelling},
 * {@code GdbMnemonics}) and the LLVM decoder (x86-64 only; Capstone decodes AArch64); core dumps ({@code core}); mi-server's register tables and console ({@code Registers.isName}
 * users and x86 names there), the Registers scope's vector group (x86's xmm/x87 only), the MI
 * return-value kinds. (DAP's register shortcut, {@code dap.variables.Evaluation}, types a register
 * by its {@link dev.hindsight.tracer.arch.RegisterView}; {@code step.StepEngine}'s last return
 * value reads {@code Backend.vectorRegister(tid, 0)}; the Return value scope names
 * {@code integerReturnRegister()} and {@code floatReturnRegister()}.)
 */
package dev.hindsight.tracer.arch;
