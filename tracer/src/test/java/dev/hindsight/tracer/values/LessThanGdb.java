package dev.hindsight.tracer.values;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.testing.GdbValueOracle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Locals and arguments compared with gdb exactly, except the variables a test row lists where we
 * print less than gdb on purpose, each with its reason. A row's column reads
 * {@code function.variable=reason ...}, e.g. {@code add.v=entry-value main.argv=clobbered}; such a
 * variable must print exactly what its reason says, and gdb must print something else for it at
 * least once (one name may cover two entries, as a shadowed one), or the listing is stale.
 */
final class LessThanGdb {
    /** Why we print less than gdb, and what we print instead. */
    enum Reason {
        /**
         * Its location is DW_OP_entry_value: gdb recovers the value on entry from the caller's
         * call-site parameters, a guess that holds only if nothing changed them; we do not guess.
         */
        ENTRY_VALUE("<optimized out>"),
        /**
         * It lives in a caller-saved register of a caller frame: the call may have clobbered it, and
         * gdb takes it as unchanged (its "same value" default); we say it is not saved.
         */
        CLOBBERED("<not saved>"),
        /** Its location expression reads such a register: the same, seen through a computation. */
        COMPUTED_FROM_CLOBBERED("<optimized out>");

        final String printed;

        Reason(String printed) {
            this.printed = printed;
        }
    }

    private final Map<String, Reason> listed = new LinkedHashMap<>();
    private final Set<String> met = new LinkedHashSet<>();

    LessThanGdb(String column) {
        for (String item : column.isBlank() ? new String[0] : column.trim().split(" +")) {
            String[] kv = item.split("=", 2);
            listed.put(kv[0], Reason.valueOf(kv[1].toUpperCase().replace('-', '_')));
        }
    }

    /** One frame's locals or arguments: gdb's list exactly, the listed variables of {@code function} as their reason says. */
    void assertEntries(String function, List<GdbValueOracle.Entry> expected, List<Variable> actual, String what) {
        List<String> want = new ArrayList<>(), got = new ArrayList<>();
        for (GdbValueOracle.Entry e : expected) {
            Reason r = listed.get(function + "." + e.name());
            if (r != null && !r.printed.equals(e.value())) met.add(function + "." + e.name());
            String value = r != null ? r.printed : e.value();
            want.add(e.name() + " = " + value + (e.type() != null ? "  : " + e.type() : ""));
        }
        List<String> seen = new ArrayList<>();
        for (Variable v : actual) {
            boolean shadowed = seen.contains(v.name()); // gdb's whatis names only the innermost
            seen.add(v.name());
            got.add(v.name() + " = " + v.value() + (shadowed ? "" : "  : " + v.type()));
        }
        assertEquals(String.join("\n", want), String.join("\n", got), what);
    }

    /** After the row: gdb said more for every listed variable (a stale listing fails). */
    void assertAllMet() {
        assertEquals(listed.keySet(), met, "variables listed as printing less than gdb");
    }
}
