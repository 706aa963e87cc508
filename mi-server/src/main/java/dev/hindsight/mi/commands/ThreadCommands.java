package dev.hindsight.mi.commands;

import dev.hindsight.mi.protocol.MiCommand;
import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.protocol.MiList;
import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.mi.session.FrameFormat;
import dev.hindsight.mi.session.MiSession;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** -thread-info, -thread-list-ids, -thread-select. */
public final class ThreadCommands {
    private ThreadCommands() {}

    static MiResult info(MiSession s, MiCommand c) {
        Target t = s.target();
        if (t == null || t.state() == Target.State.EXITED) return MiResult.done("threads", MiList.of());
        MiTuple r = MiTuple.of().add("threads", threads(s, c.args().isEmpty() ? null : c.args().get(0)));
        r.add("current-thread-id", s.threadNumber(t.currentThread())); // gdb names it running or not
        return MiResult.done(r);
    }

    /** gdb's thread tuples of the program's threads (only gdb's number {@code only}, when not null); empty without a live program. */
    static MiList threads(MiSession s, String only) {
        Target t = s.target();
        MiList threads = MiList.of();
        if (t == null || t.state() == Target.State.EXITED) return threads;
        boolean running = t.state() == Target.State.RUNNING;
        for (int tid : t.threads()) {
            int number = s.threadNumber(tid);
            if (only != null && !only.equals(String.valueOf(number))) continue;
            MiTuple th = MiTuple.of().add("id", number).add("target-id", targetId(t, tid));
            // a dead process's threads have no name to read (its pid may be another process's now)
            String name = t.postMortem().isPresent() ? null : comm(t.pid(), tid);
            if (name != null) th.add("name", name);
            if (!running) {
                List<Frame> frames = t.frames().backtrace(tid, 1);
                if (!frames.isEmpty()) th.add("frame", FrameFormat.frame(t, frames.get(0), true, true));
            }
            th.add("state", running ? "running" : "stopped");
            // the core it last ran on, as gdb reads it from /proc (a dead process has none)
            Integer core = t.postMortem().isPresent() ? null : OsProcesses.core(Path.of("/proc/" + t.pid() + "/task/" + tid + "/stat"));
            if (core != null) th.add("core", core);
            threads.value(th);
        }
        return threads;
    }

    /** gdb with libthread_db: {@code Thread 0x7ffff7d8a740 (LWP 1234)}, the pthread_t being fs_base. */
    public static String targetId(Target t, int tid) {
        if (t.state() == Target.State.STOPPED) {
            try {
                long self = t.registers().of(tid).get("fs_base");
                if (self != 0) return "Thread 0x" + Long.toHexString(self) + " (LWP " + tid + ")";
            } catch (RuntimeException e) {
                // fall through to the plain form
            }
        }
        return "process " + tid;
    }

    /** The thread's name as the kernel keeps it (what gdb shows in quotes), or null. */
    public static String comm(int pid, int tid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/task/" + tid + "/comm")).strip();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    static MiResult listIds(MiSession s, MiCommand c) {
        Target t = s.stoppedTarget();
        MiTuple ids = MiTuple.of();
        for (int n : s.liveThreadNumbers()) ids.add("thread-id", n);
        return MiResult.done(MiTuple.of().add("thread-ids", ids).add("current-thread-id", s.threadNumber(t.currentThread()))
                .add("number-of-threads", t.threads().size()));
    }

    static MiResult select(MiSession s, MiCommand c) {
        if (c.args().size() != 1) throw new MiException("-thread-select: USAGE: threadnum.");
        int n;
        try {
            n = Integer.parseInt(c.args().get(0));
        } catch (NumberFormatException e) {
            throw new MiException("Invalid thread ID: " + c.args().get(0));
        }
        s.selectThread(n);
        Target t = s.stoppedTarget();
        return MiResult.done(MiTuple.of().add("new-thread-id", n).add("frame", FrameFormat.frame(t, s.frame(), true, true)));
    }
}
