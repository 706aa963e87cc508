package dev.hindsight.dap.handlers;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import dev.hindsight.dap.session.AttachArguments;
import dev.hindsight.dap.session.LaunchArguments;
import dev.hindsight.dap.session.Session;
import java.util.Map;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;

/** launch, attach and configurationDone. The program runs once both a launch/attach and configurationDone arrived. */
public final class LaunchHandlers extends RequestHandler {
    private static final Gson GSON = new Gson();

    public LaunchHandlers(Session session) {
        super(session);
    }

    public Void launch(Map<String, Object> args) {
        session.launch(parse(required(args, "launch"), LaunchArguments.class, "launch"), Boolean.TRUE.equals(args.get("noDebug")));
        return null;
    }

    public Void attach(Map<String, Object> args) {
        session.attach(parse(required(args, "attach"), AttachArguments.class, "attach"));
        return null;
    }

    public Void configurationDone(ConfigurationDoneArguments args) {
        session.configurationDone();
        return null;
    }

    /** The configuration as a typed record; a wrong type names the attribute ({@code $.args}). */
    static <T> T parse(Map<String, Object> args, Class<T> type, String command) {
        try {
            T parsed = GSON.fromJson(GSON.toJsonTree(args), type);
            if (parsed == null) throw new DapException(ErrorCode.INVALID_ARGUMENTS, "'" + command + "' needs arguments");
            return parsed;
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new DapException(ErrorCode.INVALID_ARGUMENTS, "invalid " + command + " configuration: " + e.getMessage(), e);
        }
    }
}
