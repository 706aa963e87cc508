package dev.hindsight.dap.protocol;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.TypeAdapter;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.Map;
import org.eclipse.lsp4j.debug.RestartArguments;

/**
 * restart's arguments with the new launch configuration kept whole: LSP4J's
 * {@code LaunchRequestArguments} holds only {@code noDebug} and would drop the rest.
 */
public final class RestartRequest extends RestartArguments {
    private static final Gson GSON = new Gson();
    private transient Map<String, Object> configuration;

    /** The configuration the client sent ({@code arguments}, DAP 1.47+), or null when it sent none. */
    public Map<String, Object> configuration() {
        return configuration;
    }

    /** Reads the request's arguments; nothing of it is ever written (it is a request we receive). */
    static final class Adapter extends TypeAdapter<RestartRequest> {
        @Override
        public RestartRequest read(JsonReader in) throws IOException {
            JsonElement tree = JsonParser.parseReader(in);
            RestartRequest r = new RestartRequest();
            if (tree instanceof JsonObject o && o.get("arguments") instanceof JsonObject config) {
                r.configuration = GSON.fromJson(config, new TypeToken<Map<String, Object>>() { }.getType());
            }
            return r;
        }

        @Override
        public void write(JsonWriter out, RestartRequest value) throws IOException {
            out.beginObject().endObject();
        }
    }
}
