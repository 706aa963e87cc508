package dev.hindsight.dap.handlers;

import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import dev.hindsight.dap.session.BreakpointMapper;
import dev.hindsight.dap.session.DapBreakpoint;
import dev.hindsight.dap.session.Session;
import dev.hindsight.dap.variables.Evaluation;
import dev.hindsight.dap.variables.FrameRef;
import dev.hindsight.dap.variables.ValueContainer;
import dev.hindsight.tracer.breakpoints.WatchKind;
import dev.hindsight.tracer.values.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.debug.DataBreakpoint;
import org.eclipse.lsp4j.debug.DataBreakpointAccessType;
import org.eclipse.lsp4j.debug.DataBreakpointInfoArguments;
import org.eclipse.lsp4j.debug.DataBreakpointInfoResponse;
import org.eclipse.lsp4j.debug.SetDataBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetDataBreakpointsResponse;

/**
 * Data breakpoints: hardware watchpoints through the debug registers on 1, 2, 4 or 8 naturally
 * aligned bytes, stopping on writes or on reads and writes (x86 cannot watch reads alone).
 * A data id is {@code 0xADDRESS/LENGTH}. On a recording the index knows each instruction's reads
 * and writes, so a read watch stops at reads only; live, it is a read/write watch.
 */
public final class DataBreakpointHandlers extends RequestHandler {
    private static final Pattern DATA_ID = Pattern.compile("0x([0-9a-fA-F]+)/([1248])");
    private final BreakpointHandlers breakpoints;

    public DataBreakpointHandlers(Session session, BreakpointHandlers breakpoints) {
        super(session);
        this.breakpoints = breakpoints;
    }

    public DataBreakpointInfoResponse dataBreakpointInfo(DataBreakpointInfoArguments args) {
        required(args, "dataBreakpointInfo");
        String name = field(args.getName(), "name");
        long address;
        int length;
        String what;
        if (Boolean.TRUE.equals(args.getAsAddress())) {
            address = address(name, 0);
            length = args.getBytes() != null ? args.getBytes() : 8;
            what = name;
        } else {
            Variable v = variable(args, name).orElse(null);
            if (v == null || v.address().isEmpty()) return unavailable("'" + name + "' is not in memory");
            address = v.address().getAsLong();
            length = args.getBytes() != null ? args.getBytes() : ScalarSizes.of(v.type());
            what = name + " (" + v.type() + ")";
        }
        if (length != 1 && length != 2 && length != 4 && length != 8) {
            return unavailable("only 1, 2, 4 or 8-byte values can be watched by the hardware");
        }
        if (address % length != 0) return unavailable("a " + length + "-byte watch needs an address aligned to " + length);
        DataBreakpointInfoResponse r = new DataBreakpointInfoResponse();
        r.setDataId(String.format("0x%x/%d", address, length));
        r.setDescription(String.format("%s at 0x%x (%d bytes)", what, address, length));
        // A recording's index knows reads too; the debug registers of a live process cannot watch reads alone.
        r.setAccessTypes(session.recording().isPresent()
                ? new DataBreakpointAccessType[] {DataBreakpointAccessType.WRITE, DataBreakpointAccessType.READ, DataBreakpointAccessType.READ_WRITE}
                : new DataBreakpointAccessType[] {DataBreakpointAccessType.WRITE, DataBreakpointAccessType.READ_WRITE});
        r.setCanPersist(false);
        return r;
    }

    private Optional<Variable> variable(DataBreakpointInfoArguments args, String name) {
        Integer ref = args.getVariablesReference();
        if (ref != null && ref != 0) {
            Object c = session.handles().get(ref, "variablesReference");
            return c instanceof ValueContainer values ? values.find(name) : Optional.empty();
        }
        FrameRef f = frame(args.getFrameId());
        return Optional.of(Evaluation.evaluate(session.stoppedTarget(), name, f.frame()));
    }

    private static DataBreakpointInfoResponse unavailable(String why) {
        DataBreakpointInfoResponse r = new DataBreakpointInfoResponse();
        r.setDescription(why);
        return r;
    }

    public SetDataBreakpointsResponse setDataBreakpoints(SetDataBreakpointsArguments args) {
        required(args, "setDataBreakpoints");
        List<DapBreakpoint> fresh = new ArrayList<>();
        for (DataBreakpoint b : field(args.getBreakpoints(), "breakpoints")) {
            Matcher m = DATA_ID.matcher(field(b.getDataId(), "dataId"));
            if (!m.matches()) throw new DapException(ErrorCode.INVALID_ARGUMENTS, "unknown dataId '" + b.getDataId() + "'");
            WatchKind kind = b.getAccessType() == null || b.getAccessType() == DataBreakpointAccessType.WRITE ? WatchKind.WRITE
                    : b.getAccessType() == DataBreakpointAccessType.READ ? WatchKind.READ : WatchKind.READ_WRITE;
            fresh.add(new DapBreakpoint(breakpoints.nextId(), DapBreakpoint.Kind.DATA, b.getDataId(), 0, b.getCondition(),
                    BreakpointHandlers.hit(b.getHitCondition()), null, Long.parseUnsignedLong(m.group(1), 16),
                    Integer.parseInt(m.group(2)), kind));
        }
        SetDataBreakpointsResponse r = new SetDataBreakpointsResponse();
        r.setBreakpoints(BreakpointMapper.toDap(breakpoints.replace(b -> b.kind == DapBreakpoint.Kind.DATA, fresh), session.positions()));
        return r;
    }
}
