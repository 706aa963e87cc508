package dev.hindsight.dap.handlers;

import dev.hindsight.dap.session.BreakpointMapper;
import dev.hindsight.dap.session.Session;
import dev.hindsight.dap.variables.FrameRef;
import dev.hindsight.dap.variables.RegisterScope;
import dev.hindsight.dap.variables.ReturnValue;
import dev.hindsight.dap.variables.ValueContainer;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopePresentationHint;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.ScopesResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourcePresentationHint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackFramePresentationHint;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.Thread;
import org.eclipse.lsp4j.debug.ThreadsResponse;

/** threads, stackTrace (with paging) and scopes. */
public final class StackHandlers extends RequestHandler {
    private static final int MAX_FRAMES = 1024;

    public StackHandlers(Session session) {
        super(session);
    }

    public ThreadsResponse threads() {
        List<Thread> out = new ArrayList<>();
        if (session.hasProgram() && session.target().state() != Target.State.EXITED) {
            Target t = session.target();
            for (int tid : t.threads()) {
                Thread th = new Thread();
                th.setId(tid);
                th.setName(tid == t.pid() ? "main (" + tid + ")" : "thread " + tid);
                out.add(th);
            }
        }
        ThreadsResponse r = new ThreadsResponse();
        r.setThreads(out.toArray(Thread[]::new));
        return r;
    }

    public StackTraceResponse stackTrace(StackTraceArguments args) {
        required(args, "stackTrace");
        Target t = session.stoppedTarget();
        int tid = thread(t, args.getThreadId());
        int start = args.getStartFrame() == null ? 0 : args.getStartFrame();
        int levels = args.getLevels() == null || args.getLevels() <= 0 ? MAX_FRAMES : args.getLevels();
        check(start >= 0, "startFrame must not be negative");
        List<Frame> frames = t.backtrace(tid, Math.min(MAX_FRAMES, start + levels + 1));
        List<StackFrame> out = new ArrayList<>();
        for (int i = start; i < Math.min(frames.size(), start + levels); i++) out.add(toDap(frames.get(i)));
        StackTraceResponse r = new StackTraceResponse();
        r.setStackFrames(out.toArray(StackFrame[]::new));
        // One more frame than asked was read, so a client knows whether to ask for more.
        r.setTotalFrames(frames.size() > start + levels ? start + levels + 1 : frames.size());
        return r;
    }

    private StackFrame toDap(Frame f) {
        StackFrame s = new StackFrame();
        s.setId(session.handles().add(new FrameRef(f)));
        s.setInstructionPointerReference("0x" + Long.toHexString(f.pc()));
        if (f.line() != null) {
            s.setName(f.displayName());
            Source source = BreakpointMapper.source(f.line().file());
            s.setSource(source);
            s.setLine(f.line().line());
            s.setColumn(Math.max(1, f.line().column()));
            if (!Files.isReadable(Path.of(f.line().file()))) {
                // Line information without the file (libc's, from its debug package): not the user's code.
                source.setPresentationHint(SourcePresentationHint.DEEMPHASIZE);
                s.setPresentationHint(StackFramePresentationHint.SUBTLE);
            }
        } else {
            s.setName(f.symbol() != null ? f.symbol() : f.function() != null ? f.function() : "0x" + Long.toHexString(f.pc()));
            s.setLine(0);
            s.setColumn(0);
            s.setPresentationHint(StackFramePresentationHint.SUBTLE);
        }
        if (f.module() != null) s.setModuleId(f.module());
        return s;
    }

    public ScopesResponse scopes(ScopesArguments args) {
        required(args, "scopes");
        Target t = session.stoppedTarget();
        FrameRef ref = session.handles().get(args.getFrameId(), FrameRef.class, "frameId");
        Frame f = ref.frame();
        List<Scope> scopes = new ArrayList<>();
        if (f.index() == 0) {
            t.lastReturnValue().ifPresent(rv -> scopes.add(scope("Return value", ScopePresentationHint.RETURN_VALUE,
                    new ReturnValue(rv), false)));
        }
        scopes.add(scope("Locals", ScopePresentationHint.LOCALS, ValueContainer.scope(t, f, () -> t.locals(f)), false));
        scopes.add(scope("Arguments", ScopePresentationHint.ARGUMENTS, ValueContainer.scope(t, f, () -> t.arguments(f)), false));
        scopes.add(scope("Registers", ScopePresentationHint.REGISTERS, new RegisterScope(t, f), false));
        scopes.add(scope("Globals", null, ValueContainer.scope(t, f, () -> t.globals(f)), true));
        ScopesResponse r = new ScopesResponse();
        r.setScopes(scopes.toArray(Scope[]::new));
        return r;
    }

    private Scope scope(String name, String hint, Object container, boolean expensive) {
        Scope s = new Scope();
        s.setName(name);
        if (hint != null) s.setPresentationHint(hint);
        s.setVariablesReference(session.handles().add(container));
        s.setExpensive(expensive);
        return s;
    }
}
