package dev.hindsight.dap.handlers;

import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import dev.hindsight.dap.session.BreakpointMapper;
import dev.hindsight.dap.session.DapBreakpoint;
import dev.hindsight.dap.session.HitCondition;
import dev.hindsight.dap.session.Positions;
import dev.hindsight.dap.session.Session;
import dev.hindsight.tracer.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.lsp4j.debug.BreakpointLocation;
import org.eclipse.lsp4j.debug.BreakpointLocationsArguments;
import org.eclipse.lsp4j.debug.BreakpointLocationsResponse;
import org.eclipse.lsp4j.debug.FunctionBreakpoint;
import org.eclipse.lsp4j.debug.InstructionBreakpoint;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetInstructionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetInstructionBreakpointsResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;

/** setBreakpoints, setFunctionBreakpoints, setInstructionBreakpoints and breakpointLocations. */
public final class BreakpointHandlers extends RequestHandler {
    private static final int MAX_LOCATION_LINES = 2000;

    public BreakpointHandlers(Session session) {
        super(session);
    }

    public SetBreakpointsResponse setBreakpoints(SetBreakpointsArguments args) {
        required(args, "setBreakpoints");
        String path = path(args.getSource());
        List<DapBreakpoint> fresh = new ArrayList<>();
        SourceBreakpoint[] wanted = args.getBreakpoints() != null ? args.getBreakpoints() : lines(args.getLines());
        Positions at = session.positions();
        for (SourceBreakpoint b : wanted) {
            int line = at.lineIn(b.getLine());
            check(line > 0, "breakpoint line must be " + at.firstLine() + " or more, not " + b.getLine());
            fresh.add(new DapBreakpoint(nextId(), DapBreakpoint.Kind.SOURCE, path, line, b.getCondition(),
                    hit(b.getHitCondition()), b.getLogMessage(), 0, 0, null));
        }
        SetBreakpointsResponse r = new SetBreakpointsResponse();
        r.setBreakpoints(BreakpointMapper.toDap(replace(b -> b.kind == DapBreakpoint.Kind.SOURCE && b.what.equals(path), fresh), session.positions()));
        return r;
    }

    public SetFunctionBreakpointsResponse setFunctionBreakpoints(SetFunctionBreakpointsArguments args) {
        required(args, "setFunctionBreakpoints");
        List<DapBreakpoint> fresh = new ArrayList<>();
        for (FunctionBreakpoint b : field(args.getBreakpoints(), "breakpoints")) {
            check(b.getName() != null && !b.getName().isBlank(), "a function breakpoint needs a 'name'");
            fresh.add(new DapBreakpoint(nextId(), DapBreakpoint.Kind.FUNCTION, b.getName().strip(), 0, b.getCondition(),
                    hit(b.getHitCondition()), null, 0, 0, null));
        }
        SetFunctionBreakpointsResponse r = new SetFunctionBreakpointsResponse();
        r.setBreakpoints(BreakpointMapper.toDap(replace(b -> b.kind == DapBreakpoint.Kind.FUNCTION, fresh), session.positions()));
        return r;
    }

    public SetInstructionBreakpointsResponse setInstructionBreakpoints(SetInstructionBreakpointsArguments args) {
        required(args, "setInstructionBreakpoints");
        List<DapBreakpoint> fresh = new ArrayList<>();
        for (InstructionBreakpoint b : field(args.getBreakpoints(), "breakpoints")) {
            long address = address(b.getInstructionReference(), b.getOffset());
            fresh.add(new DapBreakpoint(nextId(), DapBreakpoint.Kind.INSTRUCTION, b.getInstructionReference(), 0,
                    b.getCondition(), hit(b.getHitCondition()), null, address, 0, null));
        }
        SetInstructionBreakpointsResponse r = new SetInstructionBreakpointsResponse();
        r.setBreakpoints(BreakpointMapper.toDap(replace(b -> b.kind == DapBreakpoint.Kind.INSTRUCTION, fresh), session.positions()));
        return r;
    }

    public BreakpointLocationsResponse breakpointLocations(BreakpointLocationsArguments args) {
        required(args, "breakpointLocations");
        String path = path(args.getSource());
        Positions at = session.positions();
        int first = at.lineIn(args.getLine());
        int last = args.getEndLine() != null ? at.lineIn(args.getEndLine()) : first;
        check(first > 0 && last >= first, "invalid line range " + args.getLine() + ".." + args.getEndLine());
        List<BreakpointLocation> out = new ArrayList<>();
        Target t = liveTarget();
        if (t != null) {
            for (int line = first; line <= Math.min(last, first + MAX_LOCATION_LINES); line++) {
                int l = line;
                t.symbols().source().resolve(path, line).filter(r -> r.line() == l).ifPresent(r -> {
                    BreakpointLocation loc = new BreakpointLocation();
                    loc.setLine(at.line(l));
                    out.add(loc);
                });
            }
        }
        BreakpointLocationsResponse r = new BreakpointLocationsResponse();
        r.setBreakpoints(out.toArray(BreakpointLocation[]::new));
        return r;
    }

    List<DapBreakpoint> replace(Predicate<DapBreakpoint> old, List<DapBreakpoint> fresh) {
        List<DapBreakpoint> result = new ArrayList<>();
        session.execution().whileStopped(() -> result.addAll(session.breakpoints().replace(old, fresh, liveTarget())));
        return result;
    }

    int nextId() {
        return session.breakpoints().nextId();
    }

    /** The program when it can take breakpoints (exists and has not ended), else null. */
    Target liveTarget() {
        if (!session.hasProgram() || !session.breakpointsEnabled()) return null;
        Target t = session.target();
        return t.state() == Target.State.EXITED ? null : t;
    }

    static HitCondition hit(String text) {
        return text == null || text.isBlank() ? null : HitCondition.parse(text);
    }

    static String path(Source source) {
        field(source, "source");
        if (source.getPath() == null) {
            throw new DapException(ErrorCode.INVALID_ARGUMENTS, "breakpoints need a source with a 'path'");
        }
        return Path.of(source.getPath()).toAbsolutePath().normalize().toString();
    }

    private static SourceBreakpoint[] lines(int[] lines) {
        if (lines == null) return new SourceBreakpoint[0];
        SourceBreakpoint[] out = new SourceBreakpoint[lines.length];
        for (int i = 0; i < lines.length; i++) {
            out[i] = new SourceBreakpoint();
            out[i].setLine(lines[i]);
        }
        return out;
    }
}
