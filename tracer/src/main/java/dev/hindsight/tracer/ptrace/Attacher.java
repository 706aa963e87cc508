package dev.hindsight.tracer.ptrace;

import dev.hindsight.tracer.LaunchException;
import dev.hindsight.tracer.sys.NativeBuffer;
import dev.hindsight.tracer.sys.NativeException;
import dev.hindsight.tracer.sys.Ptrace;
import dev.hindsight.tracer.sys.Wait;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Attaches to a running process: seizes and interrupts every thread, re-reading the thread list
 * until no new thread appeared meanwhile. No EXITKILL: an attached process outlives the session.
 */
final class Attacher {
    static final int OPTIONS = Ptrace.O_TRACEEXEC | Ptrace.O_TRACECLONE | Ptrace.O_TRACEFORK | Ptrace.O_TRACEVFORK;

    private Attacher() {}

    /** Seizes every thread of {@code pid}; returns their ids, leader first, all stopped. */
    static Set<Integer> attach(int pid) {
        if (!Files.isDirectory(Path.of("/proc/" + pid))) throw new LaunchException("no process " + pid);
        Set<Integer> seized = new LinkedHashSet<>();
        NativeBuffer status = NativeBuffer.allocate(8);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (int tid : tasks(pid)) {
                if (seized.contains(tid)) continue;
                try {
                    Ptrace.call(Ptrace.SEIZE, tid, 0, OPTIONS);
                } catch (NativeException e) {
                    if (e.errno() == NativeException.ESRCH) continue; // thread ended meanwhile
                    throw new LaunchException("cannot attach to " + pid + ": " + e.getMessage()
                            + (e.errno() == NativeException.EPERM ? " (another tracer, or ptrace not permitted)" : ""), e);
                }
                Ptrace.call(Ptrace.INTERRUPT, tid, 0, 0);
                Wait.waitpid(tid, status, Wait.WALL);
                seized.add(tid);
                grew = true;
            }
        }
        if (seized.isEmpty()) throw new LaunchException("process " + pid + " has no threads left to attach to");
        return seized;
    }

    private static Set<Integer> tasks(int pid) {
        Set<Integer> tids = new LinkedHashSet<>();
        tids.add(pid);
        try (Stream<Path> s = Files.list(Path.of("/proc/" + pid + "/task"))) {
            s.map(p -> Integer.parseInt(p.getFileName().toString())).sorted().forEach(tids::add);
        } catch (IOException e) {
            throw new LaunchException("cannot list the threads of " + pid + ": " + e.getMessage(), e);
        }
        return tids;
    }
}
