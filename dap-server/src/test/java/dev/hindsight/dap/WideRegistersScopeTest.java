package dev.hindsight.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import dev.hindsight.dap.testing.DapTestClient;
import dev.hindsight.tracer.regs.XstateLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Registers scope's vector group on an AVX-512 machine, at the stop where
 * {@code wide_registers.c} has loaded them: zmm and k0-7 listed with the fixture's values (its
 * source's literals), ftag as gdb's full tag word (0x3ff: three values pushed, five empty), k
 * writable.
 */
class WideRegistersScopeTest {
    /** The tracer's fixture (launched as the web page does, its text compiled by the server). */
    private static final Path FIXTURE = Path.of("../tracer/src/test/resources/programs/wide_registers.c");

    @Test
    void vectorGroupShowsZmmAndMaskRegistersAsLoaded() throws Exception {
        Optional<String> missing = XstateLayout.avx512Missing();
        assumeTrue(missing.isEmpty(), () -> "skipped: " + missing.orElseThrow());
        try (DapTestClient c = DapTestClient.inProcess()) {
            String text = Files.readString(FIXTURE);
            JsonObject entry = c.launch(Map.of("sources", List.of(Map.of("name", "wide_registers.c", "text", text)), "stopOnEntry", true));
            int tid = entry.get("threadId").getAsInt();
            String file = c.topFrame(tid).getAsJsonObject("source").get("path").getAsString();
            int line = text.lines().toList().indexOf(text.lines().filter(l -> l.contains("BREAK: loaded")).findFirst().orElseThrow()) + 1;
            c.request("setBreakpoints", Map.of("source", Map.of("path", file), "breakpoints", List.of(Map.of("line", line))));
            c.continueToStop(tid);
            int frame = c.topFrame(tid).get("id").getAsInt();
            Map<String, JsonObject> regs = c.variables(c.scope(frame, "Registers"));
            int group = regs.get("Vector registers").get("variablesReference").getAsInt();
            Map<String, JsonObject> vector = c.variables(group);
            byte[] pattern = new byte[64]; // the fixture's: byte i is i*7+1, byte 40 is 0, bytes 48-63 are 0x5a
            for (int i = 0; i < 64; i++) pattern[i] = (byte) (i < 48 ? i * 7 + 1 : 0x5a);
            pattern[40] = 0;
            byte[] be = new byte[65];
            for (int i = 0; i < 64; i++) be[64 - i] = pattern[i];
            assertEquals("0x" + new BigInteger(be).toString(16), vector.get("zmm16").get("value").getAsString(), "zmm16");
            assertEquals("vec512", vector.get("zmm16").get("type").getAsString());
            assertEquals("0x" + "f".repeat(128), vector.get("zmm31").get("value").getAsString(), "zmm31");
            assertEquals("0xfedcba9876543210", vector.get("k2").get("value").getAsString(), "k2");
            assertEquals("0x5", vector.get("k1").get("value").getAsString(), "k1");
            assertEquals("0x3ff", vector.get("ftag").get("value").getAsString(), "ftag");
            assertEquals("1.5", vector.get("st0").get("value").getAsString(), "st0");
            c.request("setVariable", Map.of("variablesReference", group, "name", "k5", "value", "0x77"));
            assertEquals("0x77", c.variables(c.variables(c.scope(frame, "Registers")).get("Vector registers").get("variablesReference").getAsInt())
                    .get("k5").get("value").getAsString(), "k5 written");
        }
    }
}
