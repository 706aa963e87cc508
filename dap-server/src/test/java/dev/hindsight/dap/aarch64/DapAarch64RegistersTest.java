package dev.hindsight.dap.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import dev.hindsight.dap.testing.DapTestClient;
import dev.hindsight.tracer.aarch64.GuestGdb;
import dev.hindsight.tracer.testing.CrossFixtures;
import dev.hindsight.tracer.testing.CrossLines;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The DAP Registers scope on AArch64, against the arm64 guest's gdb at the stop of
 * {@code programs/aarch64/register_expr.c} after it has put known values in x9, d9, s10, v11, d12,
 * d13, cpsr, fpsr and fpcr: the general group's x0, sp, pc and cpsr as gdb's {@code info registers}
 * (the run is gdb's: same path, environment, ASLR off), and the "Vector registers" group's v9-v13
 * as gdb's {@code print $vN} (its lane unions), each lane of v11 as {@code print $v11.LANE}, and
 * fpsr and fpcr as {@code print $fpsr}/{@code $fpcr}.
 */
@EnabledIfSystemProperty(named = "os.arch", matches = "aarch64", disabledReason = "AArch64 only: misc/aarch64/run-tests.sh runs it")
class DapAarch64RegistersTest {
    private static final String FIXTURE = "aarch64/register_expr.c";
    private static final List<String> GENERAL = List.of("x0", "sp", "pc", "cpsr");
    private static final List<String> VECTORS = List.of("v9", "v10", "v11", "v12", "v13", "fpsr", "fpcr");

    @Test
    void generalAndVectorGroupsAsGdb() throws Exception {
        Path exe = Fixtures.compile(FIXTURE, CrossFixtures.C_FLAGS);
        // The marker line's address (the host's gdb-multiarch's, CrossFixtures): the guest has not the
        // source at the path the line table names, so an instruction breakpoint, in gdb too.
        String at = "0x" + Long.toHexString(CrossLines.address(exe, "regs-set"));
        try (DapTestClient c = DapTestClient.inProcess()) {
            int tid = c.launch(Map.of("program", exe.toString(), "stopOnEntry", true)).get("threadId").getAsInt();
            c.request("setInstructionBreakpoints", Map.of("breakpoints", List.of(Map.of("instructionReference", at))));
            c.continueToStop(tid);
            JsonObject top = c.topFrame(tid);
            assertEquals(at, top.get("instructionPointerReference").getAsString(), "stopped at the marker");
            int frame = top.get("id").getAsInt();
            Map<String, JsonObject> regs = c.variables(c.scope(frame, "Registers"));
            Map<String, JsonObject> vector = c.variables(regs.get("Vector registers").get("variablesReference").getAsInt());
            Map<String, JsonObject> lanes = c.variables(vector.get("v11").get("variablesReference").getAsInt());

            List<String> commands = new ArrayList<>(List.of("break *" + at, "run",
                    "info registers " + String.join(" ", GENERAL)));
            for (String v : VECTORS) commands.add("print $" + v);
            commands.add("ptype $v11");
            for (String lane : lanes.keySet()) commands.add("print $v11." + lane);
            List<String> gdb = GuestGdb.run(exe, commands);

            Map<String, Long> expected = GuestGdb.registers(gdb.get(2));
            for (String r : GENERAL) {
                String value = regs.get(r).get("value").getAsString().split(" ")[0]; // cpsr: hex, then its decoded flags
                assertEquals("0x" + Long.toHexString(expected.get(r)), value, r);
            }
            int i = 3;
            for (String v : VECTORS) assertEquals(GuestGdb.value(gdb.get(i++)), vector.get(v).get("value").getAsString(), v);
            // The union's own members: the last word of each line at ptype's first indentation.
            String ptype = gdb.get(i++);
            List<String> members = new ArrayList<>();
            Matcher m = Pattern.compile("(?m)^ {4}(?:[^;{}]*\\s)?(\\w+);$").matcher(ptype);
            while (m.find()) members.add(m.group(1));
            assertEquals(members, List.copyOf(lanes.keySet()), "v11's lanes: the members of gdb's union:\n" + ptype);
            for (String lane : lanes.keySet()) {
                assertEquals(GuestGdb.value(gdb.get(i++)), lanes.get(lane).get("value").getAsString(), "v11." + lane);
            }
        }
    }
}
