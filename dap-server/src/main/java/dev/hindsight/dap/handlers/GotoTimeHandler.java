package dev.hindsight.dap.handlers;

import dev.hindsight.dap.protocol.GotoTimeArguments;
import dev.hindsight.dap.session.Session;
import dev.hindsight.tracer.travel.TimeTravel;

/** {@code hindsight/goto}: to any time of the recording (a timeline click); stopped with reason {@code goto}. */
public final class GotoTimeHandler extends RequestHandler {
    public GotoTimeHandler(Session session) {
        super(session);
    }

    public Void gotoTime(GotoTimeArguments args) {
        required(args, "hindsight/goto");
        TimeTravel travel = travel("hindsight/goto");
        long time = field(args.time(), "time");
        check(time >= 0 && time < travel.length(),
                "time " + time + " is outside the recording (0 to " + (travel.length() - 1) + ")");
        session.execution().goTo(travel, time);
        return null;
    }
}
