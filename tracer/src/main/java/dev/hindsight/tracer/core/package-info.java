/**
 * Post-mortem debugging: the {@link dev.hindsight.tracer.core.CoreBackend} serves a Linux x86-64
 * ELF core dump (the kernel's, or gdb's {@code gcore}) through the
 * {@link dev.hindsight.tracer.backend.Backend} contract, read through the engine's ELF reader.
 * Its notes give each thread's registers (NT_PRSTATUS, NT_FPREGSET, NT_X86_XSTATE), the signal
 * and fault address (pr_cursig, NT_SIGINFO), the command line (NT_PRPSINFO), the auxiliary
 * vector (NT_AUXV) and the mapped files (NT_FILE); its PT_LOAD segments the memory that was
 * dumped. Memory not in the dump (file-backed code) is read from the mapped file, the executable
 * named on the command line taking the place of the one the dump names. The mapped files and the
 * segments are offered as a {@code /proc/PID/maps} text, so modules, symbols and DWARF resolve at
 * their load addresses as for a live program. Nothing executes ({@code executes()} is false: the
 * facade answers "The program is not being run.") and nothing can be changed. A file that is no
 * core dump, or a truncated one, is refused when opened with a
 * {@link dev.hindsight.tracer.core.CoreFileException} whose message a user reads.
 */
package dev.hindsight.tracer.core;
