package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.mi.testing.MiRecord;
import dev.hindsight.tracer.testing.Fixtures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * gdb's {@code =memory-changed} in lockstep with gdb 13, stopped in main: after an assignment by
 * {@code -data-evaluate-expression} ({@code =}, {@code +=}, two in one expression, the right one
 * first), by the console's {@code set var} and {@code print} (through {@code -interpreter-exec} and
 * as raw lines), {@code type="code"} for a write into {@code .text}; none for {@code -var-assign}
 * and {@code -data-write-memory-bytes} (the front end's own writes), comparisons, or registers.
 * Each debugger's addresses are named by what they are the address of ({@code &p.x}…), read in the
 * same transcript, so the two runs' stacks may differ.
 */
class MiMemoryChangedTest {
    private static final String FIXTURE = "lockstep.c";
    private static final Pattern HEX = Pattern.compile("0x[0-9a-f]+");
    /** The transcript being run's addresses: address to what it is the address of. */
    private static final Map<Long, String> NAMES = new LinkedHashMap<>();

    private static java.util.function.Function<MiRecord, Object> remember(String name) {
        return r -> {
            Matcher m = HEX.matcher(String.valueOf(r.get("value")));
            if (m.find()) NAMES.put(Long.parseUnsignedLong(m.group().substring(2), 16), name);
            return "";
        };
    }

    /** Every {@code =memory-changed} of the step (its address by name), the result's class and value, the console's text. */
    private static Object changes(List<MiRecord> rs) {
        List<Object> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (MiRecord r : rs) {
            if (r.kind() == '=' && r.cls().equals("memory-changed")) {
                long a = Long.parseUnsignedLong(r.str("addr").substring(2), 16);
                out.add(List.of(r.str("thread-group"), NAMES.getOrDefault(a, "?" + r.str("addr")), r.str("len"), String.valueOf(r.str("type"))));
            } else if (r.kind() == '~') {
                text.append(r.text());
            } else if (r.kind() != '(' && r.kind() != '&' && !(r.kind() == '=' && r.cls().startsWith("library"))) {
                out.add(r.kind() + r.cls());
            }
        }
        MiRecord last = rs.get(rs.size() - 1);
        out.add(String.valueOf(last.get("value")));
        out.add(text.toString());
        return out;
    }

    @Test
    void setVarWritesNothing() throws Exception {
        new Lockstep()
                .cmd("-inferior-tty-set /dev/null")
                .cmd("-break-insert " + FIXTURE + ":" + Fixtures.line(FIXTURE, "copied"))
                .exec("-exec-run")
                .step("-interpreter-exec console \"set var p.y = 9\"", false, MiMemoryChangedTest::changes)
                .step("set var copy[0]='L'", false, MiMemoryChangedTest::changes)
                .run(Fixtures.compile(FIXTURE));
    }

    @Test
    void afterEachWriteAsGdbTellsIt() throws Exception {
        Lockstep l = new Lockstep()
                .cmd("-inferior-tty-set /dev/null")
                .cmd("-break-insert " + FIXTURE + ":" + Fixtures.line(FIXTURE, "copied"))
                .exec("-exec-run")
                .cmd("-data-evaluate-expression &p.x", remember("&p.x"))
                .cmd("-data-evaluate-expression &p.y", remember("&p.y"))
                .cmd("-data-evaluate-expression &n", remember("&n"))
                .cmd("-data-evaluate-expression &d", remember("&d"))
                .cmd("-data-evaluate-expression copy", remember("copy"))
                .cmd("-data-evaluate-expression scale", remember("scale"))
                .cmd("-var-create v * p.x")
                .step("-var-assign v 7", false, MiMemoryChangedTest::changes)
                .step("-data-write-memory-bytes &p.y 0a000000", false, MiMemoryChangedTest::changes)
                .step("-data-evaluate-expression \"p.x=5\"", false, MiMemoryChangedTest::changes)
                .step("-data-evaluate-expression \"p.x += 2\"", false, MiMemoryChangedTest::changes)
                .step("-interpreter-exec console \"set var p.y = 9\"", false, MiMemoryChangedTest::changes)
                .step("-interpreter-exec console \"print p.x=11\"", false, MiMemoryChangedTest::changes)
                .step("print n=3", false, MiMemoryChangedTest::changes)
                .step("set var copy[0]='L'", false, MiMemoryChangedTest::changes)
                .step("-data-evaluate-expression \"p.x == 11\"", false, MiMemoryChangedTest::changes)
                .step("-data-evaluate-expression \"p.y <= 11\"", false, MiMemoryChangedTest::changes)
                .step("-data-evaluate-expression \"$rax = 1\"", false, MiMemoryChangedTest::changes)
                .step("-data-evaluate-expression \"p.x = p.y = 4\"", false, MiMemoryChangedTest::changes)
                .step("-data-evaluate-expression \"d = 1.5\"", false, MiMemoryChangedTest::changes)
                .step("-data-evaluate-expression \"*(unsigned char *) scale = *(unsigned char *) scale\"", false, MiMemoryChangedTest::changes)
                .step("-data-evaluate-expression p", false, MiMemoryChangedTest::changes);
        NAMES.clear();
        l.run(Fixtures.compile(FIXTURE));
    }
}
