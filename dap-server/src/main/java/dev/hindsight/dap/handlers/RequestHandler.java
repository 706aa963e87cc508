package dev.hindsight.dap.handlers;

import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import dev.hindsight.dap.session.Session;
import dev.hindsight.dap.variables.FrameRef;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.Target;
import java.util.List;

/**
 * Base of the request handlers: access to the session and the argument checks every request
 * needs, so a bad request fails with a message that names the argument.
 */
abstract class RequestHandler {
    protected final Session session;

    RequestHandler(Session session) {
        this.session = session;
    }

    static <T> T required(T args, String command) {
        if (args == null) throw new DapException(ErrorCode.INVALID_ARGUMENTS, "'" + command + "' needs arguments");
        return args;
    }

    static <T> T field(T value, String name) {
        if (value == null) throw new DapException(ErrorCode.INVALID_ARGUMENTS, "missing argument '" + name + "'");
        return value;
    }

    static void check(boolean ok, String message) {
        if (!ok) throw new DapException(ErrorCode.INVALID_ARGUMENTS, message);
    }

    /** The thread a request names, which must exist in the stopped program. */
    protected int thread(Target target, int threadId) {
        List<Integer> threads = target.threads();
        if (!threads.contains(threadId)) {
            throw new DapException(ErrorCode.INVALID_ARGUMENTS, "no thread " + threadId + " (threads: " + threads + ")");
        }
        return threadId;
    }

    /** The stopped recording's time travel, or a refusal naming {@code request} on a live program. */
    protected dev.hindsight.tracer.travel.TimeTravel travel(String request) {
        dev.hindsight.tracer.travel.TimeTravel travel = session.requireRecording(request).travel();
        session.stoppedTarget();
        return travel;
    }

    /** Selects the thread a stepping request names in the stopped program. */
    protected Target stepping(Integer threadId) {
        Target t = session.stoppedTarget();
        t.selectThread(thread(t, field(threadId, "threadId")));
        return t;
    }

    /** A frame by id, or the innermost frame of the current thread when no id is given. */
    protected FrameRef frame(Integer frameId) {
        Target t = session.stoppedTarget();
        if (frameId != null && frameId != 0) return session.handles().get(frameId, FrameRef.class, "frameId");
        List<Frame> frames = t.frames().backtrace(t.currentThread(), 1);
        if (frames.isEmpty()) throw new DapException(ErrorCode.NOT_AVAILABLE, "the stopped thread has no frame");
        return new FrameRef(frames.get(0));
    }

    /** {@code 0x…} (or decimal) memory reference plus an offset. */
    static long address(String memoryReference, Integer offset) {
        field(memoryReference, "memoryReference");
        String s = memoryReference.strip();
        long base;
        try {
            base = s.startsWith("0x") || s.startsWith("0X") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw new DapException(ErrorCode.INVALID_ARGUMENTS, "memoryReference '" + memoryReference + "' is not an address");
        }
        return base + (offset == null ? 0 : offset);
    }
}
