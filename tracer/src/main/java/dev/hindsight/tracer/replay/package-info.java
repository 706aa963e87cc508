/**
 * Deterministic replay of a trace written by {@link dev.hindsight.tracer.record.Recorder}, as a
 * {@link dev.hindsight.tracer.backend.Backend}: {@link dev.hindsight.tracer.replay.ReplayBackend}
 * (through {@code Target.replay(traceDir, sandbox)} for the front ends).
 *
 * <h2>How</h2>
 * A replay is a live ptrace tracee of the trace's copy of the executable (ASLR off), steered by
 * the events through a {@link dev.hindsight.tracer.ptrace.SyscallHook}. At start it is prepared
 * as the recording was (scratch page, rdtsc and cpuid trapping; the machine's CPUID checked to
 * have every feature the recording showed), the trace's file copies are opened for later mmaps,
 * and the recorded stack and registers are put in place. At each system call entry the next
 * event must be that call with identical registers. Emulated calls (files, time, I/O, pids,
 * kill, fork, wait…) and calls of the recorder's system-call buffer ({@code BUFFERED}: only
 * number, arguments and pc compared, the rest of the registers was not recorded) are skipped (turned into a getpid whose result is replaced: not
 * {@code orig_rax = -1}, which a confined replay's seccomp filter would kill) and get the recorded result and memory
 * writes (a call that a confined recording's seccomp filter refused without a stop, once the
 * buffer's filter was in, has no event: {@link dev.hindsight.tracer.replay.ConfinementFilter} gives
 * it the same error); address-space calls run for real (mmap forced to the recorded address with MAP_FIXED,
 * a file mapping made from the trace's copy and private; brk, mprotect, munmap, signal dispositions,
 * exit), and their results must match. Trapped rdtsc/cpuid get the recorded answers. The traps are
 * on only while the replay continues: single-stepping a task with them on costs MSR writes per
 * switch (VM exits here: about half the step rate), so while it single-steps they are off (switched
 * lazily, by injection; a checkpoint's fork inherits the mode and knows it) and an rdtsc, rdtscp or
 * cpuid about to be stepped is recognised from its bytes and answered from the next event without
 * running, with the registers the trapped path leaves (RF set, orig_rax -1); a prefixed form, which
 * the recorder recorded as a fault, is stepped with the traps on. A signal
 * recorded at a system call boundary is sent to the tracee right there (tgkill) and given its
 * recorded siginfo; a fault is met by running. Any mismatch is a
 * {@link dev.hindsight.tracer.replay.ReplayDivergence} naming the event and the register; the replay is then killed.
 *
 * <h2>No effect on the world</h2>
 * The program's writes, sends, kills and file creations are emulated, never executed: its
 * stdout and stderr bytes come from the events to {@link dev.hindsight.tracer.replay.ReplayBackend#stdout()}
 * (the front end shows them as the program's output) and go nowhere else. The real system calls
 * a replay runs only change its own address space. With a {@code Sandbox} it runs confined like a
 * web session (the trace directory must then be readable inside: a server whose sessions run as
 * their own user cannot read a 0700 trace of another user, and a caller may then replay unconfined).
 * Register and memory writes are refused with a readable message.
 *
 * <h2>Checkpoints and events, for the index builder</h2>
 * <ul>
 *   <li>{@code RecordedTrace trace = RecordedTrace.open(dir)}: metadata, {@code events()} (the
 *       recorded {@link dev.hindsight.tracer.record.TraceEvent}s, index i = event i), {@code initial()}.</li>
 *   <li>{@code ReplayBackend r = ReplayBackend.start(trace, null)}: a replay at the first
 *       instruction, event index 0. {@code r.trace(tid, n, observer)} single-steps with an
 *       observer; {@code r.eventIndex()} is how many events have been consumed.</li>
 *   <li>{@code ReplayBackend c = r.checkpoint()}: at a stop, forks the tracee (fork injected) and
 *       returns a replay of the child at the same instruction and event index, on a ptrace thread
 *       of its own: another Java thread drives it ({@code c.trace(c.pid(), n, observer)}) while
 *       {@code r} goes on. Close each when done (the process is killed).</li>
 * </ul>
 */
package dev.hindsight.tracer.replay;
