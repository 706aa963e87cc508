/**
 * {@code hindsight record}: one run of a program captured so that it can be replayed exactly
 * ({@link dev.hindsight.tracer.record.Recorder}), without hardware performance counters.
 *
 * <h2>What a position in the run is, without performance counters</h2>
 * These machines have no PMU, so nothing here counts instructions while recording. Instead every
 * nondeterministic input reaches the program at an <em>event</em>, and events are numbered
 * 0, 1, 2… in the order they happen (the <em>event index</em>):
 * <ul>
 *   <li>a system call: its registers at entry, its result, the memory the kernel wrote
 *       ({@link dev.hindsight.tracer.record.SyscallTable} says which, per call, from the
 *       arguments and the result) and, for writes to fds 1 and 2, the bytes written;</li>
 *   <li>an emulated instruction: {@code rdtsc}/{@code rdtscp} trap ({@code PR_SET_TSC} =
 *       {@code PR_TSC_SIGSEGV}) and {@code cpuid} traps (CPUID faulting, {@code ARCH_SET_CPUID 0}),
 *       both set in the tracee by syscall injection right after exec; the recorder answers
 *       (a made-up monotonic 2 GHz counter; the real CPUID limited by
 *       {@link dev.hindsight.tracer.record.CpuidPolicy}) and records the answer;</li>
 *   <li>a signal delivery, with its siginfo and the full register file at delivery.</li>
 * </ul>
 * Between two events the program is a pure function of its state (registers and memory), so
 * the state right after event k is reproduced by replaying events 0..k, and any instruction
 * after it by executing forward from there. A signal delivered at a system call boundary is
 * exactly "after event k" (it is marked {@code afterSyscall}); a fault is met again by running;
 * an asynchronous signal in the middle of computation is "after event k, at the first instant
 * the registers equal R": a replayer reaches it by running forward from event k until the
 * registers equal R (a breakpoint at R.rip, comparing all registers on each hit). A state that
 * repeats exactly (same registers and same memory) is indistinguishable and has the same future,
 * so the first match is the right one. (Replaying that last kind is not implemented yet: the
 * replay stops there with a clear message; the recorder warns.) <b>Time</b> for the builder is
 * the instruction count along the replay, which single-stepping knows exactly.
 *
 * <h2>How a run is recorded</h2>
 * The program is started under ptrace as the live engine starts it (ASLR off, the CPU pinned).
 * At its first instruction the recorder maps the injector's scratch page (a fixed address, the
 * replayer maps it alike), makes rdtsc and cpuid trap, and turns the stack's
 * {@code AT_SYSINFO_EHDR} into {@code AT_IGNORE}, so libc uses no vDSO and every clock read is
 * a real system call. It then saves the registers, the stack from rsp to its top (argv, environment,
 * auxv, AT_RANDOM's bytes) and the memory map, and installs a
 * {@link dev.hindsight.tracer.ptrace.SyscallHook}: the run goes from syscall stop to syscall stop.
 * {@code rseq} is made to fail with ENOSYS (glibc then does without it). Signals the program
 * neither catches nor is affected by (ignored ones, SIGCHLD/SIGURG/SIGWINCH by default) are
 * dropped and not recorded; a system call they interrupted is restarted by the kernel, and the
 * replay restarts it the same way.
 *
 * <h2>The system-call buffer (on by default; {@code --no-syscall-buffer} turns it off)</h2>
 * Each recorded call costs two ptrace stops (about 100 µs here). With the buffer
 * ({@code Options.withSyscallBuffer}, true unless turned off) the program gets a preload library
 * ({@code syscallbuf.c} in the resources beside this package; built once with clang into
 * {@code ~/.cache/hindsight}; {@code LD_PRELOAD}, so it is in the recorded environment and its
 * copy in {@code files/}). Its constructor maps a buffer at a fixed address
 * ({@code SyscallBuffer.ADDRESS}) and installs a seccomp filter that
 * returns {@code SECCOMP_RET_TRACE} for every call except those made from one {@code syscall}
 * instruction of its own (and from the injector's scratch page). Its {@code write} and
 * {@code read} make the call from that instruction, so the kernel runs it without a stop, and
 * append a record (number, arguments, result, a sequence number, and the bytes the kernel wrote
 * for a read or the bytes written to fd 1 or 2) to the buffer. Once the recorder sees the filter
 * installed (the exit of {@code seccomp}) it continues with {@code PTRACE_CONT} and meets every
 * other call at its seccomp stop (then runs to the exit stop); at every stop it first turns the
 * records committed since the last one into {@code Syscall} events of mode {@code BUFFERED},
 * which therefore sit in the trace in the order the calls ran. The recorder never writes the
 * buffer: when it is full the library makes a traced {@code getpid} (everything is read there),
 * then starts again at 0 with a new epoch, so the library's code, buffer included, runs the same in
 * a replay, where each buffered call stops as a system call and is emulated (its number,
 * arguments and pc are compared; nothing else was recorded). Time is unchanged: the
 * {@code syscall} instruction is one instruction in every replay, as any emulated call is.
 * <p>A signal delivered right after the buffered instruction (the call finished, or was
 * interrupted with a restart code) arrives before the library logs its record: the recorder
 * records the call there from the registers and memory, then the signal (at the call's exit), and
 * drops the record the library logs later for that sequence number, unless the call was
 * interrupted and restarted (then the record is the restarted call's). A call made while the
 * library is inside a wrapper (from a signal handler) goes traced. Limits: only calls through
 * libc's exported {@code write} and {@code read} are buffered (libc's stdio writes with an internal
 * alias, a static program ignores {@code LD_PRELOAD}, a raw {@code syscall} is not wrapped: all
 * stop as before); a read may block in the kernel without the recorder knowing (harmless: one
 * thread, and a signal interrupting it is handled as above); the program runs with
 * {@code no_new_privs} (needed for the filter: a setuid program it executes gains nothing).
 * <p>A child of fork inherits the filter, and in a process nobody traces {@code SECCOMP_RET_TRACE}
 * fails the call with ENOSYS; so, rather than let it go, the recorder keeps it traced and
 * unrecorded ({@link dev.hindsight.tracer.record.UnrecordedChildren}): parked on a {@code jmp .} in
 * the scratch page, detached from the ptrace thread, seized by a thread of its own that continues
 * each of its (and its children's) stops at once and passes signals on, and let go when the
 * recording ends (a child still running then gets ENOSYS from then on; the trace's warnings say
 * so). rr records such children instead; here they run natively, listed in {@code forks.unrecorded}.
 * An unrecorded child sharing the parent's memory (vfork) must not call the buffered {@code write}
 * or {@code read} before its exec: its record would land in the parent's buffer.
 * <p>A confined recording gets a copy of the library inside the sandbox's writable directory
 * ({@code SyscallBuffer.libraryIn}: a fresh directory, written through its descriptor). The
 * kernel answers a call with the most severe of all filters' answers, so a call the confinement's
 * filter refuses fails without a stop once the buffer's filter is in: the trace keeps that filter
 * ({@code confinement.bpf}) and the replay evaluates it ({@code replay.ConfinementFilter}).
 * The buffer lives in the program's memory at a fixed address: a program that maps over it
 * ({@code MAP_FIXED}, {@code munmap}, {@code mremap}, {@code shmat} with {@code SHM_REMAP}) is
 * refused at that call, and records it overwrote are refused when read, never half-read;
 * {@link dev.hindsight.tracer.record.EventLog} refuses BUFFERED records of a trace that are not
 * what the library logs.
 *
 * <h2>What is refused, and what is not recorded</h2>
 * Refused with a message (the trace is removed): a second thread ({@code clone}/{@code clone3}
 * with CLONE_THREAD), exec, a system call or ioctl the table does not know, a mapping of a file
 * that is not regular, changing the TSC mode or CPUID faulting. Children of fork run unrecorded
 * and natively (TSC and CPUID trapping turned off in them first, by injection), then detached;
 * their pids are in {@code forks.unrecorded} of the metadata. Not recorded: what unrecorded
 * children do to shared memory (a vfork child before its exec), instructions whose results differ
 * between CPUs without trapping ({@code rdrand}/{@code rdseed}, hidden from CPUID but not
 * prevented; {@code xgetbv}), and the vDSO's data page (unused by the program).
 *
 * <h2>The trace directory</h2>
 * Mode 0700. {@code meta.properties} (format {@code hindsight-trace}, version, arch, kernel, CPU
 * model, the CPUID leaves 1 and 7 presented, program, arguments, environment, cwd, the copied
 * files, event count, exit, unrecorded children) is written last, atomically, ending with
 * {@code complete=true}; {@code events} ({@link dev.hindsight.tracer.record.EventLog}: magic, version,
 * length-prefixed records with a CRC32 each); {@code files/} (the executable, ld.so and every
 * mmapped file, {@code N-NAME}); {@code initial/} (registers, stack, maps); {@code sources/} (the
 * sources the DWARF line tables name, at their absolute path, when readable).
 * {@link dev.hindsight.tracer.record.TraceDirectory#readMeta} refuses missing, incomplete, newer
 * and foreign traces with a {@link dev.hindsight.tracer.record.TraceFormatException}.
 *
 * <h2>Reading the events (for the index builder)</h2>
 * {@code EventLog.readAll(traceDir.resolve("events"))} (or {@code RecordedTrace.open(dir).events()},
 * which also checks the metadata) gives the {@link dev.hindsight.tracer.record.TraceEvent}s in order:
 * {@code Syscall} (number, args, result, {@code mode} ({@code BUFFERED}: only number, args and pc
 * of its registers were recorded), {@code writes()} = kernel memory writes,
 * {@code outputFd()}/{@code output()} = bytes written to stdout/stderr), {@code Instruction}
 * (rdtsc/rdtscp/cpuid at a pc and its results) and {@code Signal} (number, siginfo, registers).
 */
package dev.hindsight.tracer.record;
