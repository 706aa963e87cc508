package dev.hindsight.mi.aarch64;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.mi.testing.MiRecord;
import dev.hindsight.tracer.testing.CrossFixtures;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@code hindsight gdb}'s AArch64 registers in lockstep with the arm64 guest's own gdb (13, native):
 * at the stop of {@code programs/aarch64/register_expr.c} after it has put known values in x9,
 * x12, d9, s10, v11, d12, d13, cpsr, fpsr and fpcr, gdb's register numbers and names
 * ({@code -data-list-register-names}), the values in every format front ends ask for, the changed
 * registers after a line, {@code info registers} (with names, groups and all) and {@code $pc},
 * {@code $sp} and the vector views ({@code $v11}, {@code $d9}: gdb's unions) in expressions. What Hindsight does not read (the SVE state of qemu's {@code -cpu max},
 * tpidr2, the pauth masks) keeps gdb's number with an empty name: gdb's names of those are
 * blanked before comparing, and their lines left out of the console's text. Values are compared
 * where the program decides them (the registers the fixture sets, sp, pc, tpidr, the vector views
 * of v9-v13), not where they are whatever the C library's start-up left (x0-x8 hold its
 * per-run secrets).
 */
@EnabledIfSystemProperty(named = "os.arch", matches = "aarch64", disabledReason = "AArch64 only: misc/aarch64/run-tests.sh runs it")
class MiAarch64RegistersTest {
    private static final String FIXTURE = "aarch64/register_expr.c";
    /** What gdb names and Hindsight does not read. */
    private static final Pattern UNREAD = Pattern.compile("z\\d+|p\\d+|ffr|vg|tpidr2|pauth_[dc]mask|tag_ctl");
    /** Registers whose values the fixture (or the program's fixed layout) decides. */
    private static final Pattern COMPARED = Pattern.compile("[xw](9|12)|sp|pc|cpsr|fpsr|fpcr|tpidr|[vqdshb](9|1[0-3])");

    @Test
    void numbersNamesValuesChangesAndConsoleAsGdb() throws Exception {
        Path exe = Fixtures.compile(FIXTURE, CrossFixtures.C_FLAGS);
        // Filled by each transcript's -data-list-register-names: gdb's numbering, to select by name.
        List<String> names = new ArrayList<>();
        Lockstep l = new Lockstep()
                .cmd("-break-insert register_expr.c:" + Fixtures.line(FIXTURE, "regs-set"))
                .exec("-exec-run")
                .cmd("-data-list-register-names", r -> {
                    names.clear();
                    for (Object n : (List<?>) r.get("register-names")) names.add(UNREAD.matcher(n.toString()).matches() ? "" : n.toString());
                    return names;
                });
        for (String format : List.of("x", "N", "r", "d", "o", "t")) l.cmd("-data-list-register-values " + format, values(names));
        l.cmd("-data-list-register-values x 9 33 66", values(names))
                .cmd("-data-evaluate-expression $pc", r -> r.get("value"))
                .cmd("-data-evaluate-expression $sp", r -> r.get("value"))
                .cmd("-data-evaluate-expression $v11", r -> r.get("value"))
                .cmd("-data-evaluate-expression $d9", r -> r.get("value"))
                .cmd("-data-evaluate-expression $q11", r -> r.get("value"))
                .console("info registers pc sp cpsr fpsr fpcr x9 w9 v11 q11 d9 s10 h9 b11 tpidr")
                .console("info registers", MiAarch64RegistersTest::consoleLines)
                .console("info all-registers", MiAarch64RegistersTest::consoleLines)
                .console("info registers float", MiAarch64RegistersTest::consoleLines)
                .console("info registers vector", MiAarch64RegistersTest::consoleLines)
                .cmd("-data-list-changed-registers", changed(names))
                .exec("-exec-next")
                .cmd("-data-list-changed-registers", changed(names))
                .cmd("-data-list-register-values N", values(names));
        l.run(exe);
    }

    /** The values of the compared registers, by name. */
    private static Function<MiRecord, Object> values(List<String> names) {
        return r -> {
            Map<String, Object> byName = new LinkedHashMap<>();
            for (Object o : (List<?>) r.get("register-values")) {
                Map<?, ?> v = (Map<?, ?>) o;
                String name = names.get(Integer.parseInt(v.get("number").toString()));
                if (COMPARED.matcher(name).matches()) byName.put(name, v.get("value"));
            }
            return byName;
        };
    }

    /** The changed registers Hindsight reads, by name. */
    private static Function<MiRecord, Object> changed(List<String> names) {
        return r -> {
            List<String> changed = new ArrayList<>();
            for (Object n : (List<?>) r.get("changed-registers")) {
                String name = names.get(Integer.parseInt(n.toString()));
                if (!name.isEmpty()) changed.add(name);
            }
            return changed;
        };
    }

    /** A console listing: every register's name in order (those Hindsight reads), and the whole lines of the compared ones. */
    private static Object consoleLines(String text) {
        List<String> order = new ArrayList<>(), lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            String name = line.split("\\s+", 2)[0];
            if (name.isEmpty() || UNREAD.matcher(name).matches()) continue;
            order.add(name);
            if (COMPARED.matcher(name).matches()) lines.add(line);
        }
        return List.of(order, lines);
    }
}
