package dev.hindsight.dap.session;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.Source;

/** DAP {@code Breakpoint} objects for the client's breakpoints. */
public final class BreakpointMapper {
    private BreakpointMapper() {}

    /** @param positions how the client counts lines */
    public static Breakpoint toDap(DapBreakpoint b, Positions positions) {
        Breakpoint out = new Breakpoint();
        out.setId(b.id);
        out.setVerified(b.verified());
        if (b.message != null) out.setMessage(b.message);
        switch (b.kind) {
            case SOURCE -> {
                out.setSource(source(b.what));
                out.setLine(positions.line(b.line));
            }
            case FUNCTION -> {
                if (b.line > 0) out.setLine(positions.line(b.line));
            }
            case INSTRUCTION -> out.setInstructionReference("0x" + Long.toHexString(b.address));
            case DATA -> { }
        }
        return out;
    }

    public static Breakpoint[] toDap(List<DapBreakpoint> list, Positions positions) {
        return list.stream().map(b -> toDap(b, positions)).toArray(Breakpoint[]::new);
    }

    public static Source source(String path) {
        Source s = new Source();
        s.setPath(path);
        s.setName(Path.of(path).getFileName().toString());
        return s;
    }
}
