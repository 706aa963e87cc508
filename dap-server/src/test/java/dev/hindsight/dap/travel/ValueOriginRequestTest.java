package dev.hindsight.dap.travel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.hindsight.dap.testing.DapTestClient;
import dev.hindsight.dap.testing.Programs;
import dev.hindsight.dap.testing.Recordings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code hindsight/valueOrigin} over DAP, with answers known by hand from the fixture: at the
 * final print, {@code total} was last written by {@code total += last} (the accumulate line) in
 * the last iteration; that instruction read {@code total}'s previous value (18) and {@code last}
 * (17 = 4*4+1), whose own origin is the body line. Bad questions are errors; a live session refuses.
 */
@Timeout(600)
class ValueOriginRequestTest {
    static final String FIXTURE = ReverseStepTest.FIXTURE;
    static Path trace;
    static String file;

    @BeforeAll
    static void record() throws Exception {
        trace = Recordings.built(FIXTURE);
        file = Programs.source(FIXTURE).toString();
    }

    private static int asInt(String hexLittleEndian) {
        long v = 0;
        for (int i = Math.min(hexLittleEndian.length(), 8) - 2; i >= 0; i -= 2) v = v << 8 | Integer.parseInt(hexLittleEndian.substring(i, i + 2), 16);
        return (int) v;
    }

    @Test
    void theOriginOfAVariableIsTheLineThatWroteItAndWhatThatRead() {
        try (TravelClient c = new TravelClient(trace)) {
            c.breakpoints(file, Programs.line(FIXTURE, "print"), Map.of());
            c.move("continue");
            JsonObject r = c.dap.request("hindsight/valueOrigin", Map.of("expression", "total"));
            JsonObject root = r.getAsJsonObject("node");
            assertEquals("memory", root.get("kind").getAsString());
            assertEquals(35, asInt(root.get("value").getAsString()));
            List<JsonObject> writers = TravelClient.objects(r.getAsJsonArray("children"));
            JsonObject writer = writers.stream().filter(n -> n.get("kind").getAsString().equals("instruction")).findFirst().orElseThrow(
                    () -> new AssertionError("no writing instruction: " + r));
            assertEquals(Programs.line(FIXTURE, "accumulate"), writer.get("line").getAsInt(), writer.toString());
            assertTrue(writer.get("source").getAsString().endsWith(FIXTURE));
            assertTrue(writer.get("time").getAsLong() < c.time());

            // Down the data inputs: the store of eax (35), eax's writer (the add), and what the add read.
            List<Integer> seen = new java.util.ArrayList<>();
            java.util.ArrayDeque<JsonObject> todo = new java.util.ArrayDeque<>(List.of(writer));
            for (int asked = 0; !todo.isEmpty() && asked < 6; asked++) {
                JsonObject n = todo.poll();
                JsonObject kids = c.dap.request("hindsight/valueOrigin", Map.of("id", n.get("id").getAsString()));
                for (JsonObject k : TravelClient.objects(kids.getAsJsonArray("children"))) {
                    if (!k.get("role").getAsString().equals("data")) continue;
                    if (k.has("value") && !k.get("value").isJsonNull()) seen.add(asInt(k.get("value").getAsString()));
                    if (k.get("expandable").getAsBoolean()) todo.add(k);
                    if (k.get("kind").getAsString().equals("instruction")) {
                        assertEquals(Programs.line(FIXTURE, "accumulate"), k.get("line").getAsInt(), "the add is on the same line: " + k);
                    }
                }
            }
            assertTrue(seen.contains(35) && seen.contains(17) && seen.contains(18), "total = 18 + last (17): " + seen);
        }
    }

    @Test
    void badQuestionsAreErrorsAndTheSessionGoesOn() {
        try (TravelClient c = new TravelClient(trace)) {
            c.breakpoints(file, Programs.line(FIXTURE, "print"), Map.of());
            c.move("continue");
            assertTrue(c.dap.error("hindsight/valueOrigin", Map.of("expression", "total", "register", "rax")).contains("exactly one"));
            assertTrue(c.dap.error("hindsight/valueOrigin", Map.of("register", "cr0")).contains("cr0"));
            assertTrue(c.dap.error("hindsight/valueOrigin", Map.of("expression", "no_such_thing")).length() > 0);
            assertEquals("register", c.dap.request("hindsight/valueOrigin", Map.of("register", "rax")).getAsJsonObject("node")
                    .get("kind").getAsString(), "and the session still answers");
        }
    }

    @Test
    void aLiveSessionRefuses() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.launch(Map.of("program", Programs.compile(FIXTURE).toString(), "stopOnEntry", true));
            assertTrue(c.error("hindsight/valueOrigin", Map.of("register", "rax")).contains("recorded"));
        }
    }
}
