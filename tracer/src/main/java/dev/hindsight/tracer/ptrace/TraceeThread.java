package dev.hindsight.tracer.ptrace;

/** What the engine knows of one thread of the tracee. Engine thread only. */
final class TraceeThread {
    final int tid;
    /** Resumed and not yet reported back through waitpid. */
    boolean running;
    /** A signal to deliver when the thread next resumes (the program's, passed through). */
    int pendingSignal;
    /** Created by clone and not yet seen in its first stop. */
    boolean awaitingFirstStop;
    /** Between a seccomp stop and its call's exit stop: an event stop in between (fork) resumes to that exit. */
    boolean inFilteredCall;
    /**
     * Where the thread stopped on the program's own breakpoint instruction that leaves the pc on it
     * (AArch64's BRK), -1 otherwise: resuming from there skips it, as gdb does, or it would trap again.
     */
    long atOwnBreakInstruction = -1;

    TraceeThread(int tid) {
        this.tid = tid;
    }
}
