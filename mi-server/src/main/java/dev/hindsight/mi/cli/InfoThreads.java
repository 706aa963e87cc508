package dev.hindsight.mi.cli;

import dev.hindsight.mi.commands.ThreadCommands;
import dev.hindsight.mi.session.FrameFormat;
import dev.hindsight.mi.session.MiSession;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.stack.Frame;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code info threads}: gdb's table, {@code * 1    Thread 0x… (LWP n) "hello" add (a=0, b=0) at
 * /p/hello.c:4}, its Target Id column as wide as the widest id, the current thread starred.
 */
final class InfoThreads {
    private InfoThreads() {}

    static void show(MiSession s) {
        Target t = s.target();
        if (t == null || t.state() == Target.State.EXITED) {
            s.out().console("No threads.\n");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        int width = "Target Id".length();
        for (int tid : t.threads()) {
            String name = t.postMortem().isPresent() ? null : ThreadCommands.comm(t.pid(), tid);
            String id = ThreadCommands.targetId(t, tid) + (name == null ? "" : " \"" + name + "\"");
            width = Math.max(width, id.length());
            String frame = "(running)";
            if (t.state() != Target.State.RUNNING) {
                List<Frame> frames = t.frames().backtrace(tid, 1);
                // a backtrace line without its "#0  "
                frame = frames.isEmpty() ? "" : FrameFormat.consoleLine(t, frames.get(0)).substring(4);
            }
            rows.add(new String[] {tid == t.currentThread() ? "*" : " ", String.valueOf(s.threadNumber(tid)), id, frame});
        }
        StringBuilder b = new StringBuilder(String.format("  %-4s %-" + width + "s %s%n", "Id", "Target Id", "Frame "));
        for (String[] r : rows) b.append(String.format("%s %-4s %-" + width + "s %s%n", (Object[]) r));
        s.out().console(b.toString());
    }
}
