package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.tracer.testing.Fixtures;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * In lockstep with gdb 13: {@code until} without a location leaving a loop instead of repeating
 * it, {@code until LOCATION} stopping where the current frame returns when that comes first,
 * {@code -exec-return} of {@code double} and pointer values, console {@code info frame}, and
 * {@code -file-list-exec-source-files} with two compilation units.
 */
class MiUntilReturnFrameTest {
    private static final String SRC = "until_return.c";

    /**
     * {@code info frame}'s text with stack addresses (which each debugger's environment moves)
     * written relative to the first "frame at" address; code addresses stay as they are.
     */
    static Object stackRelative(String text) {
        Matcher at = Pattern.compile("frame at (0x[0-9a-f]+)").matcher(text);
        if (!at.find()) return text;
        long base = Long.decode(at.group(1));
        Matcher m = Pattern.compile("0x[0-9a-f]+").matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            long v = Long.parseUnsignedLong(m.group().substring(2), 16);
            long d = v - base;
            m.appendReplacement(b, Math.abs(d) < (1 << 20) ? "CFA" + (d >= 0 ? "+" : "") + d : m.group());
        }
        return m.appendTail(b).toString();
    }

    @Test
    void untilLeavesLoopsAndStopsWhereTheFrameReturnsLikeGdb() throws Exception {
        new Lockstep()
                .cmd("-break-insert count")
                .exec("-exec-run")
                .exec("-exec-next")
                .exec("-exec-next")
                // from the body to the loop's increment (further on), then out of the loop, not round it
                .exec("-exec-until")
                .exec("-exec-until")
                .cmd("-data-evaluate-expression sum", r -> r.get("value"))
                // `later` runs only after count returned (another frame): the return comes first
                .exec("-exec-until later")
                .cmd("-stack-info-depth", r -> r.get("depth"))
                // in main: on to a line of the same frame, through the call of later
                .exec("-exec-until " + SRC + ":" + Fixtures.line(SRC, "print"))
                .cmd("-data-evaluate-expression l", r -> r.get("value"))
                .run(Fixtures.compile(SRC));
    }

    @Test
    void consoleUntilMatchesGdb() throws Exception {
        new Lockstep()
                .cmd("-break-insert " + SRC + ":" + Fixtures.line(SRC, "body"))
                .exec("-exec-run")
                .cmd("-break-delete 1")
                .execText("-interpreter-exec console \"until\"")
                .execText("-interpreter-exec console \"until\"")
                .execText("-interpreter-exec console \"until later\"")
                .run(Fixtures.compile(SRC));
    }

    /** advance stops at its location in any frame, where until would only in the frame it began in. */
    @Test
    void advanceStopsInAnyFrameLikeGdb() throws Exception {
        new Lockstep()
                .cmd("-break-insert main")
                .exec("-exec-run")
                .execText("-interpreter-exec console \"advance half\"")
                .cmd("-stack-info-depth", r -> r.get("depth"))
                .execText("-interpreter-exec console \"advance " + Fixtures.line(SRC, "print") + "\"")
                .run(Fixtures.compile(SRC));
    }

    @Test
    void returnOfDoubleAndPointerValuesMatchesGdb() throws Exception {
        new Lockstep()
                .cmd("-break-insert half")
                .cmd("-break-insert pick")
                .exec("-exec-run")
                .cmd("-exec-return 1.25", r -> r.get("frame"))
                .exec("-exec-next")
                .cmd("-data-evaluate-expression h", r -> r.get("value"))
                .exec("-exec-continue")
                // a pointer: to a[2] of main's array (pick's a points to it)
                .cmd("-exec-return &a[2]", r -> r.get("frame"))
                .exec("-exec-next")
                .cmd("-data-evaluate-expression *p", r -> r.get("value"))
                .run(Fixtures.compile(SRC));
    }

    @Test
    void returnConvertsToTheFunctionsTypeLikeGdb() throws Exception {
        new Lockstep()
                .cmd("-break-insert half")
                .exec("-exec-run")
                .cmd("-exec-return 3", r -> r.get("frame"))
                .exec("-exec-next")
                .cmd("-data-evaluate-expression h", r -> r.get("value"))
                .run(Fixtures.compile(SRC));
    }

    @Test
    void infoFrameMatchesGdb() throws Exception {
        new Lockstep()
                .cmd("-break-insert half")
                .cmd("-break-insert " + SRC + ":" + Fixtures.line(SRC, "body"))
                .exec("-exec-run")
                .console("info frame", MiUntilReturnFrameTest::stackRelative)
                .console("up", MiUntilReturnFrameTest::stackRelative)
                .console("info frame", MiUntilReturnFrameTest::stackRelative)
                .console("down", MiUntilReturnFrameTest::stackRelative)
                .exec("-exec-step-instruction")
                .console("-interpreter-exec console \"info frame\"", MiUntilReturnFrameTest::stackRelative)
                .exec("-exec-continue")
                .console("info frame", MiUntilReturnFrameTest::stackRelative)
                .exec("-exec-finish")
                .console("info frame", MiUntilReturnFrameTest::stackRelative)
                .run(Fixtures.compile(SRC));
    }

    @Test
    void sourceFilesListEveryCompilationUnit() throws Exception {
        new Lockstep()
                .cmd("-file-list-exec-source-files", r -> r.get("files"))
                .run(Fixtures.compile("units_main.c", Fixtures.source("units_helper.c").toString()));
    }
}
