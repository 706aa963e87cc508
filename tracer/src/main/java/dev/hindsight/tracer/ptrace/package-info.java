/**
 * The live backend: Linux ptrace driven through {@link dev.hindsight.tracer.sys}.
 *
 * <h2>Why one thread per inferior</h2>
 * The kernel ties a tracee to the thread that attached it: only that thread may issue ptrace
 * requests, and with {@code PTRACE_O_EXITKILL} the tracee is killed when that thread exits. Each
 * inferior therefore owns a {@link dev.hindsight.tracer.ptrace.PtraceThread} that makes every
 * ptrace and waitpid call; other threads hand it work. The thread pins itself to one CPU before
 * spawning (the tracee inherits the mask), which makes a stop round trip about ten times cheaper
 * than bouncing between idle CPUs; sessions are spread over the CPUs round-robin.
 *
 * <h2>How a program is started</h2>
 * The JDK's process reaper waitpid()s every child started with {@code ProcessBuilder}, and would
 * swallow the ptrace stops. So the tracee is started with libc {@code posix_spawn} from the ptrace
 * thread (ASLR disabled there with {@code personality}, inherited), as
 * {@code /bin/sh -c 'kill -STOP $$; exec env -i -- "$@"' hindsight K=V… PROGRAM ARGS…}: the
 * shell stops itself before anything of the program runs; we {@code waitpid(WUNTRACED)} for that
 * stop, {@code PTRACE_SEIZE} it with exec, clone, fork and exit-kill options, and send
 * {@code SIGCONT}. Two exec events follow (the shell becoming {@code env}, {@code env} becoming the
 * program); the second lands on the program's first instruction. {@code env -i} is what makes the
 * environment exactly the one asked for: dash alone would add {@code PWD}. File actions dup the
 * tracee's stdio onto fds 0-2 and close every other descriptor, so no server fd leaks in. On a
 * terminal ({@code LaunchSpec.terminal}) the three are its slave, the spawn adds {@code setsid},
 * and at the first instruction {@code TerminalSession} injects {@code setsid} (where the program
 * does not lead its session yet) and {@code ioctl(0, TIOCSCTTY)}: a shell cannot do it for it.
 *
 * <h2>All-stop</h2>
 * When any thread stops, every other thread is stopped with a {@code SIGSTOP} we send and then
 * swallow; events those threads report meanwhile are rewound (breakpoints) or queued (signals)
 * and reported on the next resume. Breakpoints are int3 bytes written through
 * {@code /proc/PID/mem} (which can write read-only text), hidden from memory reads, and stepped
 * over transparently when resuming from one.
 *
 * <h2>System call hook and injection (record and replay)</h2>
 * A {@link dev.hindsight.tracer.ptrace.SyscallHook} installed with
 * {@link dev.hindsight.tracer.ptrace.PtraceBackend#setSyscallHook} sees every syscall-entry and
 * -exit stop ({@code PTRACE_O_TRACESYSGOOD}; the program is resumed with {@code PTRACE_SYSCALL}
 * instead of {@code PTRACE_CONT} only while one is installed, and a single step over a
 * {@code syscall} instruction runs to its exit stop so both ends are seen; once the hook says the
 * program's own seccomp filter stops the calls it must see ({@code seccompStops()}, the
 * recorder's system-call buffer), the program continues with {@code PTRACE_CONT}, a
 * {@code PTRACE_EVENT_SECCOMP} stop is the entry and {@code PTRACE_SYSCALL} runs to the exit) and every
 * signal-delivery stop (pass, suppress, or "emulated": the trapped instruction counts as executed).
 * {@link dev.hindsight.tracer.ptrace.SyscallInjector} runs a system call (or {@code cpuid}) in a
 * stopped thread from a scratch page it maps at a fixed address, saving and restoring the
 * registers; {@link dev.hindsight.tracer.ptrace.PtraceBackend#forkStopped} and
 * {@link dev.hindsight.tracer.ptrace.PtraceBackend#adopt} hand a forked copy of the tracee to a
 * ptrace thread of its own (replay checkpoints).
 */
package dev.hindsight.tracer.ptrace;
