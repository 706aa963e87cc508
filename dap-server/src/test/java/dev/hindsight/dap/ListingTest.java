package dev.hindsight.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.hindsight.dap.testing.DapTestClient;
import dev.hindsight.dap.testing.Programs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a listing client needs to show the program as objdump would, through the wire:
 * {@code hindsight/functions} (the program's own functions, whole) and {@code disassemble}'s
 * {@code symbol} fields (the PLT by name, nothing named after _init, padding no one's).
 */
@Timeout(120)
class ListingTest {
    private static final String BASIC = "dap_basic.c";

    @Test
    void theProgramsFunctionsEndWhereTheyEndAndNameTheirSlots() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.launch(Map.of("program", Programs.compile(BASIC).toString(), "stopOnEntry", true));
            JsonArray functions = c.request("hindsight/functions", Map.of()).getAsJsonArray("functions");
            List<String> names = new ArrayList<>();
            for (JsonElement f : functions) names.add(f.getAsJsonObject().get("name").getAsString());
            assertEquals(List.of("main", "square"), names.stream().sorted().toList(), "the program's own functions only");
            JsonObject main = functions.get(names.indexOf("main")).getAsJsonObject();
            JsonObject range = main.getAsJsonArray("ranges").get(0).getAsJsonObject();
            long start = Long.decode(range.get("start").getAsString()), end = Long.decode(range.get("end").getAsString());
            JsonArray insns = c.request("disassemble", Map.of("memoryReference", range.get("start").getAsString(),
                    "instructionCount", (int) (end - start) + 4, "resolveSymbols", true)).getAsJsonArray("instructions");
            JsonObject last = null;
            for (JsonElement e : insns) {
                JsonObject o = e.getAsJsonObject();
                long a = Long.decode(o.get("address").getAsString());
                String symbol = o.has("symbol") ? o.get("symbol").getAsString() : "";
                if (a < end) {
                    assertTrue(symbol.equals("main") || symbol.startsWith("main+"), o.toString());
                    last = o;
                } else {
                    assertFalse(symbol.startsWith("main"), "past main's end: " + o);
                }
            }
            assertEquals("ret", last.get("instruction").getAsString().trim(), "main's last instruction");
            List<String> slots = new ArrayList<>();
            for (JsonElement s : main.getAsJsonArray("slots")) slots.add(s.getAsJsonObject().get("name").getAsString());
            assertTrue(slots.containsAll(List.of("argc", "argv", "total", "p", "numbers", "i")), slots.toString());
        }
    }

    @Test
    void thePltIsListedByName() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.launch(Map.of("program", Programs.compile(BASIC).toString(), "stopOnEntry", true));
            JsonObject main = null;
            for (JsonElement f : c.request("hindsight/functions", Map.of()).getAsJsonArray("functions")) {
                if (f.getAsJsonObject().get("name").getAsString().equals("main")) {
                    main = f.getAsJsonObject().getAsJsonArray("ranges").get(0).getAsJsonObject();
                }
            }
            JsonArray code = c.request("disassemble", Map.of("memoryReference", main.get("start").getAsString(),
                    "instructionCount", 200)).getAsJsonArray("instructions");
            Matcher call = null;
            for (JsonElement e : code) {
                Matcher m = Pattern.compile("call\\s+(0x[0-9a-f]+) <printf@plt>").matcher(e.getAsJsonObject().get("instruction").getAsString());
                if (m.find()) call = m;
            }
            assertTrue(call != null, "main calls printf@plt: " + code);
            JsonArray plt = c.request("disassemble", Map.of("memoryReference", call.group(1), "instructionOffset", -12,
                    "instructionCount", 16, "resolveSymbols", true)).getAsJsonArray("instructions");
            List<String> symbols = new ArrayList<>();
            for (JsonElement e : plt) {
                JsonObject o = e.getAsJsonObject();
                symbols.add(o.has("symbol") ? o.get("symbol").getAsString() : "");
            }
            assertEquals("printf@plt", symbols.get(12));
            assertTrue(symbols.contains(".plt"), "the shared stub, as objdump labels it: " + symbols);
            assertTrue(symbols.stream().noneMatch(s -> s.startsWith("_init") || s.startsWith("_start")
                    || s.startsWith("deregister_tm_clones")), symbols.toString());
        }
    }
}
