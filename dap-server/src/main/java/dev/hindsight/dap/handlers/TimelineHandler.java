package dev.hindsight.dap.handlers;

import dev.hindsight.dap.protocol.TimelineArguments;
import dev.hindsight.dap.protocol.TimelineResponse;
import dev.hindsight.dap.protocol.TimelineResponse.Marker;
import dev.hindsight.dap.session.DapBreakpoint;
import dev.hindsight.dap.session.Recording;
import dev.hindsight.dap.session.Session;
import dev.hindsight.index.IndexReader;
import dev.hindsight.index.Output;
import dev.hindsight.index.SignalRecord;
import dev.hindsight.index.Syscall;
import dev.hindsight.index.Write;
import dev.hindsight.tracer.Signal;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.breakpoints.Breakpoint;
import dev.hindsight.tracer.record.SyscallTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code hindsight/timeline}: the recording's length, the current time, and what happened when.
 * At most {@value #MAX} markers: output, signals and breakpoint hits are kept before system calls
 * (the many calls of the C library's start-up matter least).
 */
public final class TimelineHandler extends RequestHandler {
    static final int MAX = 2000;
    private static final int LABEL = 80;

    public TimelineHandler(Session session) {
        super(session);
    }

    public TimelineResponse timeline(TimelineArguments args) {
        Recording r = session.requireRecording("hindsight/timeline");
        Target t = session.stoppedTarget();
        IndexReader index = r.index();
        Markers m = new Markers();
        for (Output o : index.output()) {
            m.add(o.time(), "output", (o.fd() == 2 ? "stderr: " : o.fd() == 1 ? "stdout: " : "fd " + o.fd() + ": ")
                    + shorten(new String(o.bytes(), StandardCharsets.UTF_8)));
        }
        for (SignalRecord s : index.signals()) m.add(s.time(), "signal", Signal.of(s.signo()).name());
        long end = r.travel().length();
        for (Map.Entry<DapBreakpoint, Optional<Breakpoint>> e : session.breakpoints().installed(t).entrySet()) {
            DapBreakpoint b = e.getKey();
            String label = "breakpoint " + b.id + ": " + switch (b.kind) {
                case SOURCE -> shorten(b.what.replaceAll(".*/", "")) + ":" + b.requestedLine;
                case FUNCTION, DATA -> b.what;
                case INSTRUCTION -> "0x" + Long.toHexString(b.address);
            };
            if (b.kind == DapBreakpoint.Kind.DATA) {
                for (Write w : index.writesTo(b.address, b.length, 0, end)) m.add(w.time(), "breakpoint", label);
            } else if (e.getValue().isPresent()) {
                for (long time : CodeExecutions.times(index, e.getValue().get().addresses())) m.add(time, "breakpoint", label);
            }
        }
        for (Syscall s : index.syscalls()) m.add(s.time(), "syscall", SyscallTable.name(s.number()) + " = " + s.result());
        m.list.sort(Comparator.comparingLong(Marker::time));
        return new TimelineResponse(r.travel().length(), r.travel().now(), r.travel().ending(), m.list, m.truncated);
    }

    private static final class Markers {
        final List<Marker> list = new ArrayList<>();
        boolean truncated;

        void add(long time, String kind, String label) {
            if (list.size() < MAX) list.add(new Marker(time, kind, label));
            else truncated = true;
        }
    }

    private static String shorten(String s) {
        String one = s.replace("\n", "\\n");
        return one.length() <= LABEL ? one : one.substring(0, LABEL - 1) + "…";
    }
}
