/**
 * Confinement of programs and compiles that arrive from a network client (the web UI, or
 * {@code hindsight dap --confine}): {@link dev.hindsight.tracer.confine.Confinement} per server,
 * {@link dev.hindsight.tracer.confine.Sandbox} per session.
 *
 * <h2>What a confined process gets</h2>
 * Debian's bubblewrap makes its user, PID, network, mount, IPC and UTS namespaces: no network at
 * all (only a loopback of its own, down), its own {@code /proc} (the server's processes are
 * invisible), {@code /usr} and a few {@code /etc} files read-only, a private {@code /tmp} and
 * {@code /dev}, and the session directory as the only writable place, at the same path as outside.
 * It runs with no capabilities, {@code no_new_privs} (bubblewrap always sets it) and the seccomp
 * filter of {@link dev.hindsight.tracer.confine.SeccompFilter}. A root server also gives every live
 * session a uid of its own ({@code setpriv}), owning its directory; an ordinary user's server runs
 * sessions as itself, mapped in the user namespace. Limits: the session's control groups (memory
 * with swap, tasks, one CPU's worth of time; v1 or v2) where writable, and rlimits always (CPU
 * time, file size, open files, no core dumps; address space and {@code RLIMIT_NPROC} when no
 * control group bounds memory and tasks).
 *
 * <h2>How the tracer still traces it</h2>
 * The live backend starts {@code Sandbox.wrap(shim)}: the process tree is
 * server → bwrap (outside) → bwrap (the namespace's init, pid 1) → the launch shim (pid 2). The
 * shim stops itself as unconfined launches do; the engine finds it through
 * {@code /proc/PID/task/PID/children}, waits for its stop in {@code /proc/PID/stat} (it is not our
 * child, so {@code waitpid(WUNTRACED)} cannot see it), and {@code PTRACE_SEIZE}s it by its pid
 * outside. The server keeps ptrace rights over it: as root through {@code CAP_SYS_PTRACE} in the
 * initial user namespace, otherwise because the namespace belongs to the server's own user; the
 * seccomp filter binds only the tracee, never its tracer. Paths are the same inside and out, so
 * ELF, DWARF and {@code /proc/PID/maps} are read as usual. When the shim's program ends or is
 * killed, the namespace's init exits and the kernel kills every process left in the namespace;
 * closing the sandbox also kills its control groups' processes.
 */
package dev.hindsight.tracer.confine;
