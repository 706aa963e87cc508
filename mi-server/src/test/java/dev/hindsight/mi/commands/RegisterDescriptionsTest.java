package dev.hindsight.mi.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.mi.testing.MiProcess;
import dev.hindsight.mi.testing.MiRecord;
import dev.hindsight.tracer.regs.Avx512Registers;
import dev.hindsight.tracer.regs.FpRegisters;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * gdb's register numbering for the target descriptions of CPUs without AVX-512 or AVX, taken from
 * gdb itself: the description gdb prints for this machine ({@code maint print xml-tdesc}), with
 * its {@code org.gnu.gdb.i386.avx512} (and {@code .avx}) feature taken out, given back to gdb with
 * {@code set tdesc filename}; its {@code -data-list-register-names} must be what Hindsight names
 * for registers read from a CPU with that state (an XSAVE image without those components). Also
 * in lockstep: before the program runs (gdb's default amd64 description) and on this CPU.
 */
class RegisterDescriptionsTest {
    private static final Path PROGRAM = Fixtures.compile("lockstep.c");

    /** gdb's description of this machine's registers, as it prints it while the program runs. */
    private static String gdbDescription() throws Exception {
        try (MiProcess gdb = MiProcess.gdb(PROGRAM)) {
            gdb.exchange("-break-insert main");
            gdb.exchange("-exec-run");
            gdb.awaitStopped();
            StringBuilder xml = new StringBuilder();
            for (MiRecord r : gdb.exchange("-interpreter-exec console \"maint print xml-tdesc\"")) if (r.kind() == '~') xml.append(r.text());
            String text = xml.toString();
            assertTrue(text.contains("org.gnu.gdb.i386.avx512"), "this test needs a machine whose description has AVX-512:\n" + text);
            return text;
        }
    }

    private static String without(String xml, String feature) {
        String out = Pattern.compile("\\s*<feature name=\"org\\.gnu\\.gdb\\.i386\\." + feature + "\">.*?</feature>", Pattern.DOTALL)
                .matcher(xml).replaceAll("");
        assertTrue(!out.equals(xml), feature + " not in the description");
        return out;
    }

    /** gdb's register names under a description read from {@code xml}. */
    private static List<?> gdbNames(String xml) throws Exception {
        Path file = Files.createTempFile("tdesc", ".xml");
        try {
            Files.writeString(file, xml);
            try (MiProcess gdb = MiProcess.gdb(null)) {
                gdb.exchange("-interpreter-exec console \"set tdesc filename " + file + "\"");
                gdb.exchange("-file-exec-and-symbols " + PROGRAM);
                return (List<?>) gdb.send("-data-list-register-names").get("register-names");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void withoutAvx512AndWithoutAvxHindsightNumbersAsGdb() throws Exception {
        String full = gdbDescription();
        String avx = without(full, "avx512");
        String sse = without(avx, "avx");
        byte[] fxsave = new byte[FpRegisters.FXSAVE_SIZE];
        byte[] ymmHigh = new byte[FpRegisters.YMM_HIGH_SIZE];
        assertEquals(gdbNames(avx), RegisterTable.names(new FpRegisters(fxsave, ymmHigh)), "amd64-avx");
        assertEquals(gdbNames(sse), RegisterTable.names(new FpRegisters(fxsave, null)), "amd64 (SSE only)");
        assertEquals(gdbNames(full), RegisterTable.names(new FpRegisters(fxsave, ymmHigh, Avx512Registers.zero())), "amd64-avx-avx512");
    }

    @Test
    void beforeTheProgramRunsAndOnThisCpuNamesAreGdbs() throws Exception {
        new Lockstep()
                .cmd("-data-list-register-names", r -> r.get("register-names"))
                .cmd("-data-list-register-names 0 56 57 206", r -> r.get("register-names"))
                .cmd("-data-list-register-names 207", r -> r.results())
                .cmd("-break-insert main")
                .exec("-exec-run")
                .cmd("-data-list-register-names", r -> r.get("register-names"))
                .run(PROGRAM);
    }
}
