package dev.hindsight.tracer.values;

import static dev.hindsight.tracer.testing.Await.stopped;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.GdbValueOracle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code evaluate} agrees with gdb's {@code print} on a table of C expressions, errors included. */
class ExpressionOracleTest {
    static final List<String> C_EXPRESSIONS = List.of(
            "spin", "p", "p.x", "pp->y", "*pp", "&p", "pp", "&grid", "grid[1]", "grid[1][2]", "*ip", "ip[1]", "ip + 1",
            "*(ip + 1)", "ip - 1", "&grid[1][2] - &grid[0][0]", "word", "word[0]", "&word", "&word[1]", "full", "text",
            "text[1]", "*text", "&text", "letter", "letter + 1", "'A'", "'\\n'", "1.5", "10/3.0", "(char) 65", "(char) letter",
            "(long *) ip", "(struct point *) opaque", "*(struct point *) opaque", "((struct point *) opaque)->y",
            "(unsigned char) -1", "(short) 70000", "(float) 1 / 3", "(double) third", "(int) pi", "(long) pi * 100",
            "op", "*op", "sq", "square", "add", "&add", "greeting", "banner", "table", "origin", "global_counter",
            "&global_counter", "file_ratio", "c", "c == GREEN", "GREEN", "BLUE + 1", "(enum color) 1", "(enum color) 6",
            "both", "strange", "!nothing", "nothing", "~5", "-5 / 2", "-5 % 3", "7 % -3", "1 << 4", "-16 >> 2", "3 > 2",
            "3 >= 4", "2 == 2 && 1 != 1", "0 || 5", "2147483647 + 1", "5000000000", "0xffffffff", "4294967296",
            "10u - 11", "-1 < 0u", "'a' + 1", "yes", "!yes", "huge", "huge + 1", "neg", "neg * 2", "big", "big * 3",
            "third", "ratio * 2", "ratio + pi", "sh", "sh * sh", "small", "byte", "byte + small", "count", "count - 43",
            "fl", "fl.level", "fl.mode + 1", "fl.tag", "num", "num.f", "num.bytes", "num.bytes[3]", "tri", "tri.corners",
            "tri.corners[1]", "sp->name", "*sp->name", "sp->corners[1].y", "tri.flags", "tri.weight.f * 2",
            "sizeof(int)", "sizeof(tri)", "sizeof tri.corners", "sizeof(struct point)", "sizeof(point_t)",
            "zeros", "(q.x + q.y) * 2", "q", "1 ? 2 : 3", "0 ? 2 : 3", "pp == &p", "pp != 0", "grid[0][1] > 1",
            "$rip", "$pc", "$sp", "$rsp == $sp", "$eflags", "$rax == $rax", "$eax", "$al",
            "foo", "p.z", "pp->z", "*spin", "&5", "1 / 0", "1 % 0", "1 +", "spin[0]", "p.x.y", "#", "nothing->x");

    static final List<String> CPP_EXPRESSIONS = List.of(
            "r", "r.w", "r.id", "pi", "pi.first + pi.second", "pd", "m", "(int) m", "ok", "!ok", "value", "ref",
            "ref + 1", "&ref", "shape", "*shape", "shape->id", "name", "empty", "sizes", "words", "squares", "counts",
            "geo::Mode::On", "&r", "sizeof(r)", "(geo::Shape *) &r", "a", "t", "fp", "*fp", "pi.made", "pd.made", "none",
            "names", "names[7]", "primes", "tags", "owned", "nobody", "shared", "copy", "unset", "*owned", "*shared", "nobody->first", "queue", "nothing", "hashed",
            "rates", "seen");

    @Test
    void cExpressionsPrintAsInGdb() throws Exception {
        compare("values.c", new String[0], "main", C_EXPRESSIONS);
    }

    @Test
    void cExpressionsOfAGccBuildPrintAsInGdb() throws Exception {
        compare("values.c", new String[] {"gcc"}, "main", C_EXPRESSIONS);
    }

    @Test
    void cplusExpressionsPrintAsInGdb() throws Exception {
        compare("values.cpp", new String[] {"-fstandalone-debug"}, "main", CPP_EXPRESSIONS);
    }

    @Test
    void memberFunctionSeesThisMembers() throws Exception {
        compare("values.cpp", new String[] {"-fstandalone-debug"}, "area", List.of("this", "*this", "w", "this->h", "w * h", "id"));
    }

    @Test
    void longArraysStringsAnonymousMembersAndPointerArrays() throws Exception {
        compare("values.c", new String[0], "fill", List.of("big", "longtext", "pts", "ops", "tg", "tg.f", "tg.i", "tg.range.hi",
                "names[0]", "*names", "names", "&big[299]", "longtext + 250", "ops[0]", "*ops[0]", "pts[11]", "wb", "wb.big", "wb.sign",
                "wb.tint", "wb.b * 2", "wb.big + 1", "*big@3", "big[5]@4", "*names@2", "pts[1]@2", "*big@0", "n@2", "big[1]@2 + 1", "\"abc\"", "sizeof(\"abc\")", "\"a\\tb\\x41\\101\"", "\"x\"[0]", "'\\x41'", "'\\101'"));
    }

    @Test
    void functionStaticsByQualifiedName() throws Exception {
        compare("values.c", new String[0], "apply", List.of("calls", "apply::calls", "a + b", "op", "a == 3 && b == 2"));
    }

    /** Distinct strings only: an expression printed again after an assignment is parenthesised. */
    static final List<String> WIDE_EXPRESSIONS = List.of("wc", "c16", "c32", "wnon", "big", "wname", "uname", "Uname", "wp",
            "up", "Up", "wrep", "*wp", "up[2]", "&wname", "wname[1]", "Uname[5]", "/x wname", "/x wc",
            "L'a'", "u'b'", "U'c'", "L\"ab\"", "u\"cd\"", "U\"\"", "sizeof(L\"ab\")", "sizeof(u\"ab\")", "L'a' + 1",
            "U'a' + 1", "c32 + 1", "wc == L'W'",
            "L\"a\\tb\"", "'x'", "\"plain\"", "wc = L'Z'", "(wc)", "Uname[1] = U'9'", "(Uname)", "c16 = 0x263a", "c16 = 0x80",
            "c16 = 0x9f", "c16 = 0xa0", "c16 = 0x1ff", "uname[1] = 0xe9", "(uname)");

    @Test
    void wideCharactersAndStringsInCPrintAsInGdb() throws Exception {
        compare("wide_chars.c", new String[0], "wide", WIDE_EXPRESSIONS);
    }

    @Test
    void wideCharactersAndStringsInCplusPrintAsInGdb() throws Exception {
        compare("wide_chars.c", new String[] {"-x", "c++"}, "wide", WIDE_EXPRESSIONS);
    }

    /** {@code print /x} against {@link ValueFormat#HEX}. */
    @Test
    void hexFormatAsPrintSlashX() throws Exception {
        List<String> hex = List.of("spin", "p", "sh", "neg", "huge", "letter", "small", "byte", "word", "full", "grid", "zeros",
                "c", "both", "yes", "ratio", "pi", "fl", "num", "tri", "pp", "text", "op", "-1", "(char) -1", "(short) -2");
        compare("values.c", new String[0], "main", hex.stream().map(e -> "/x " + e).toList());
    }

    /** Shared with the other oracle tables of this package (VectorRegisterOracleTest). */
    static void compare(String fixture, String[] flags, String marker, List<String> expressions) throws Exception {
        Path exe = Fixtures.compileSpec(fixture, String.join(" ", flags));
        int line = Fixtures.line(fixture, marker);
        Map<String, String> expected = GdbValueOracle.at(exe, fixture + ":" + line, 1, expressions).get(0).prints();
        List<String> mismatches = new ArrayList<>();
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.breakpoints().addLine(Fixtures.source(fixture).toString(), line);
            stopped(t.execution().resume());
            Frame frame = t.frames().backtrace().get(0);
            for (String e : expressions) {
                String actual;
                try {
                    actual = e.startsWith("/x ") ? t.frames().evaluate(e.substring(3), frame).value(ValueFormat.HEX) : t.frames().evaluate(e, frame).value();
                } catch (EvaluationException ex) {
                    actual = "error: " + ex.getMessage();
                }
                String want = expected.get(e);
                if (want.startsWith("error: ") && actual.startsWith("error: ") && !want.equals(actual)) {
                    mismatches.add(e + "\n    gdb: " + want + "\n    us : " + actual);
                } else if (!want.equals(actual)) {
                    mismatches.add(e + "\n    gdb: " + want + "\n    us : " + actual);
                }
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + expressions.size() + " differ:\n" + String.join("\n", mismatches));
    }
}
