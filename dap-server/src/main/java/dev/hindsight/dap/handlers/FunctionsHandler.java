package dev.hindsight.dap.handlers;

import dev.hindsight.dap.protocol.FunctionsArguments;
import dev.hindsight.dap.protocol.FunctionsResponse;
import dev.hindsight.dap.session.Session;
import dev.hindsight.tracer.source.ProgramFunctions;

/**
 * {@code hindsight/functions}: the program's own functions with their address ranges and stack
 * slots ({@link ProgramFunctions}), so a listing can show the program whole, each function ending
 * where it ends, and name a stack operand after its variable.
 */
public final class FunctionsHandler extends RequestHandler {
    public FunctionsHandler(Session session) {
        super(session);
    }

    public FunctionsResponse functions(FunctionsArguments args) {
        var modules = session.stoppedTarget().symbols().modules();
        return new FunctionsResponse(ProgramFunctions.of(modules).stream().map(f -> new FunctionsResponse.Function(
                f.name(),
                f.ranges().stream().map(r -> new FunctionsResponse.Range(hex(r.low()), hex(r.high()))).toList(),
                f.slots().stream().map(s -> new FunctionsResponse.Slot(s.name(), s.rbpOffset(), s.parameter())).toList()))
                .toList());
    }

    private static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }
}
