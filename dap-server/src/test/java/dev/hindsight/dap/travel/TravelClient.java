package dev.hindsight.dap.travel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.hindsight.dap.testing.DapTestClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A DAP client on a recorded run, with the questions the reverse-execution tests ask at every stop. */
final class TravelClient implements AutoCloseable {
    final DapTestClient dap = DapTestClient.inProcess();
    final int thread;

    /** Launches {@code trace}, stopped at main (after its prologue). */
    TravelClient(Path trace) {
        thread = dap.launch(Map.of("trace", trace.toString(), "stopOnEntry", true)).get("threadId").getAsInt();
    }

    /** Where the program is stopped: its time, line and pc (each one a step could get wrong). */
    record Place(long time, int line, String pc) { }

    Place place() {
        JsonObject top = dap.topFrame(thread);
        return new Place(time(), top.has("line") ? top.get("line").getAsInt() : 0, top.get("instructionPointerReference").getAsString());
    }

    long time() {
        return dap.request("stopState", Map.of("levels", 1)).get("time").getAsLong();
    }

    String function() {
        return dap.topFrame(thread).get("name").getAsString();
    }

    String eval(String expression) {
        int frame = dap.topFrame(thread).get("id").getAsInt();
        return dap.request("evaluate", Map.of("expression", expression, "frameId", frame, "context", "watch")).get("result").getAsString();
    }

    /** Sends a request that moves the program and returns the body of the stop it ends in. */
    JsonObject move(String command, Map<String, Object> arguments) {
        int m = dap.mark();
        dap.request(command, arguments);
        return dap.stopped(m);
    }

    JsonObject move(String command) {
        return move(command, Map.of("threadId", thread));
    }

    JsonObject move(String command, String granularity) {
        return move(command, Map.of("threadId", thread, "granularity", granularity));
    }

    void breakpoints(String file, int line, Map<String, Object> options) {
        Map<String, Object> b = new java.util.HashMap<>(options);
        b.put("line", line);
        dap.request("setBreakpoints", Map.of("source", Map.of("path", file), "breakpoints", List.of(b)));
    }

    void noBreakpoints(String file) {
        dap.request("setBreakpoints", Map.of("source", Map.of("path", file), "breakpoints", List.of()));
    }

    static List<JsonObject> objects(JsonArray a) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : a) out.add(e.getAsJsonObject());
        return out;
    }

    @Override
    public void close() {
        dap.close();
    }
}
