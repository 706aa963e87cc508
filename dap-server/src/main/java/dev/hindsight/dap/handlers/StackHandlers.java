package dev.hindsight.dap.handlers;

import dev.hindsight.dap.session.BreakpointMapper;
import dev.hindsight.dap.session.Positions;
import dev.hindsight.dap.session.Session;
import dev.hindsight.dap.session.SourceReferences;
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
        List<Frame> frames = t.frames().backtrace(tid, Math.min(MAX_FRAMES, start + levels + 1));
        List<StackFrame> out = new ArrayList<>();
        for (int i = start; i < Math.min(frames.size(), start + levels); i++) out.add(toDap(t, frames.get(i)));
        StackTraceResponse r = new StackTraceResponse();
        r.setStackFrames(out.toArray(StackFrame[]::new));
        // One more frame than asked was read, so a client knows whether to ask for more.
        r.setTotalFrames(frames.size() > start + levels ? start + levels + 1 : frames.size());
        return r;
    }

    private StackFrame toDap(Target t, Frame f) {
        StackFrame s = new StackFrame();
        s.setId(session.handles().add(new FrameRef(f)));
        s.setInstructionPointerReference("0x" + Long.toHexString(f.pc()));
        s.setName(f.line() != null ? f.displayName()
                : f.symbol() != null ? f.symbol() : f.function() != null ? f.function() : "0x" + Long.toHexString(f.pc()));
        Positions at = session.positions();
        boolean here = f.line() != null && Files.isReadable(Path.of(f.line().file()));
        java.util.Optional<Integer> kept = f.line() == null || here ? java.util.Optional.empty()
                : session.sourceReferences().kept(session.traceDirectory(), f.line().file());
        if (here || kept.isPresent()) {
            Source source = BreakpointMapper.source(f.line().file());
            // A recorded run whose source is gone since: its text as the trace kept it.
            kept.ifPresent(source::setSourceReference);
            s.setSource(source);
            s.setLine(at.line(f.line().line()));
            s.setColumn(at.column(Math.max(1, f.line().column())));
        } else {
            // No file here (libc's lines from its debug package, no line information at all, a
            // deleted source): a generated listing of the function, so a click shows something.
            SourceReferences.Place p = session.sourceReferences().listing(t, f.scopePc());
            if (p.line() > 0) {
                Source source = new Source();
                source.setName(p.name());
                source.setSourceReference(p.reference());
                source.setPresentationHint(SourcePresentationHint.DEEMPHASIZE);
                // Where the debug information places it, though the file is not here (for people: as editors count).
                if (f.line() != null) source.setOrigin(f.line().file() + ":" + f.line().line() + " (not on this machine)");
                s.setSource(source);
                s.setLine(at.line(p.line()));
                s.setColumn(at.column(1));
            }
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
            t.execution().lastReturnValue().ifPresent(rv -> scopes.add(scope("Return value", ScopePresentationHint.RETURN_VALUE,
                    new ReturnValue(rv, typedReturn(t, f), t, f), false)));
        }
        scopes.add(scope("Locals", ScopePresentationHint.LOCALS, ValueContainer.scope(t, f, () -> t.frames().locals(f)), false));
        scopes.add(scope("Arguments", ScopePresentationHint.ARGUMENTS, ValueContainer.scope(t, f, () -> t.frames().arguments(f)), false));
        scopes.add(scope("Registers", ScopePresentationHint.REGISTERS, new RegisterScope(t, f), false));
        scopes.add(scope("Globals", null, ValueContainer.scope(t, f, () -> t.frames().globals(f)), true));
        ScopesResponse r = new ScopesResponse();
        r.setScopes(scopes.toArray(Scope[]::new));
        return r;
    }

    /** The value the stepped-out function returned, typed; null when it cannot be read (no type, void). */
    private static dev.hindsight.tracer.values.Variable typedReturn(Target t, Frame f) {
        try {
            return t.frames().returnedValue(f.tid()).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
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
