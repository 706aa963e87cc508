package dev.hindsight.tracer.compile;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops a process and everything it started (clang's cc1, as, ld). */
final class ProcessTrees {
    private ProcessTrees() {}

    static void kill(Process process) {
        // Snapshot first: once the parent dies its children are re-parented and no longer findable.
        // Killing the parent next stops it from starting more.
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
