package dev.hindsight.tracer.values;

import static dev.hindsight.tracer.testing.Await.stopped;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.GdbValueOracle;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Children, globals, formats, and C++ library types when clang left only declarations of them. */
class VariablesTest {
    interface Body {
        void run(Target t, Frame frame) throws Exception;
    }

    static void at(String fixture, String marker, Body body, String... flags) throws Exception {
        Path exe = Fixtures.compile(fixture, flags);
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.breakpoints().addLine(Fixtures.source(fixture).toString(), Fixtures.line(fixture, marker));
            stopped(t.execution().resume());
            body.run(t, t.frames().backtrace().get(0));
        }
    }

    static Map<String, Variable> byName(List<Variable> vs) {
        return vs.stream().collect(Collectors.toMap(Variable::name, Function.identity(), (a, b) -> a));
    }

    static List<String> show(List<Variable> vs) {
        return vs.stream().map(v -> v.name() + " = " + v.value()).toList();
    }

    @Test
    void structArrayAndPointerChildren() throws Exception {
        at("values.c", "main", (t, f) -> {
            Map<String, Variable> locals = byName(t.frames().locals(f));
            Variable tri = locals.get("tri");
            assertTrue(tri.hasChildren());
            assertFalse(tri.indexedChildren());
            List<String> firstTwo = show(tri.children(0, 2));
            assertTrue(firstTwo.get(0).matches("name = 0x[0-9a-f]+ \"tri\""), firstTwo.get(0));
            assertEquals("corners = {{x = 0, y = 0}, {x = 3, y = 4}}", firstTwo.get(1));
            assertEquals("const char *", tri.children().get(0).type());
            assertFalse(tri.children().get(0).hasChildren(), "a string pointer is a value, not a tree");
            Variable corners = tri.children().get(1);
            assertTrue(corners.indexedChildren());
            assertEquals(2, corners.childCount());
            assertEquals(List.of("[1] = {x = 3, y = 4}"), show(corners.children(1, 5)));
            assertEquals(List.of("x = 3", "y = 4"), show(corners.children(1, 1).get(0).children()));

            Variable grid = locals.get("grid");
            assertEquals(2, grid.childCount());
            assertEquals(List.of("[0] = 14", "[1] = 5", "[2] = 6"), show(grid.children().get(1).children()));
            assertEquals("int [3]", grid.children().get(1).type());

            Variable pp = locals.get("pp");
            assertEquals(1, pp.childCount());
            assertEquals(List.of("*pp = {x = 1, y = 2}"), show(pp.children()));
            assertFalse(locals.get("nothing").hasChildren(), "null pointer");
            assertFalse(locals.get("opaque").hasChildren(), "void *");
            assertFalse(locals.get("op").hasChildren(), "function pointer");
            assertFalse(locals.get("spin").hasChildren());

            Variable fl = locals.get("fl");
            assertEquals(List.of("ready = 1", "mode = 5", "level = -3", "tag = 120 'x'"), show(fl.children()));
            Variable zeros = locals.get("zeros");
            assertEquals(20, zeros.childCount());
            assertEquals(List.of("[18] = 0", "[19] = 0"), show(zeros.children(18, 10)));
            assertTrue(zeros.children(25, 3).isEmpty());
        });
    }

    @ParameterizedTest
    @CsvSource({"values.c, main, ''", "values.c, fill, ''", "values.cpp, main, -fstandalone-debug"})
    void childExpressionsEvaluateBackToTheChild(String fixture, String marker, String flags) throws Exception {
        at(fixture, marker, (t, f) -> {
            int checked = 0;
            List<Variable> todo = new java.util.ArrayList<>(t.frames().locals(f));
            todo.addAll(t.frames().arguments(f));
            for (int depth = 0; depth < 3; depth++) {
                List<Variable> next = new java.util.ArrayList<>();
                for (Variable v : todo) {
                    if (v.expression().isPresent()) {
                        Variable again = t.frames().evaluate(v.expression().get(), f);
                        assertEquals(v.type(), again.type(), v.expression().get());
                        assertEquals(v.address(), again.address(), v.expression().get());
                        checked++;
                    }
                    next.addAll(v.children(0, 4));
                }
                todo = next;
            }
            assertTrue(checked > 30, "checked " + checked);
        }, flags.isBlank() ? new String[0] : flags.split(" "));
    }

    @Test
    void aConstantFoldedToBytesIsNotListedButEvaluates() throws Exception {
        Path exe = Fixtures.compileWith("gcc", "floats.c", "-O2");
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.breakpoints().addFunction("scale");
            stopped(t.execution().resume());
            Frame main = t.frames().backtrace().get(1);
            assertEquals("main", main.function());
            assertEquals(List.of("f", "r"), t.frames().locals(main).stream().map(Variable::name).toList(), "as gdb's info locals");
            assertEquals("0.333333333333333333342", t.frames().evaluate("ld", main).value());
            assertEquals("long double", t.frames().evaluate("ld", main).type());
        }
    }

    @Test
    void hexFormatAndAddresses() throws Exception {
        at("values.c", "main", (t, f) -> {
            Map<String, Variable> locals = byName(t.frames().locals(f));
            assertEquals("{x = 0x1, y = 0x2}", locals.get("p").value(ValueFormat.HEX));
            // short sh = -300 in its own width, as gdb 13's print/x shows it on this binary (not sign-extended).
            assertEquals("0xfed4", locals.get("sh").value(ValueFormat.HEX));
            assertEquals("0x41", locals.get("letter").value(ValueFormat.HEX));
            assertEquals(t.frames().evaluate("&p", f).value().replaceAll(".* ", ""),
                    "0x" + Long.toHexString(locals.get("p").address().getAsLong()));
            assertTrue(t.frames().evaluate("1 + 2", f).address().isEmpty());
        });
    }

    @Test
    void globalsOfTheUnitThenFunctionStatics() throws Exception {
        at("values.c", "apply", (t, f) -> {
            List<String> globals = show(t.frames().globals(f));
            assertEquals("global_counter = 7", globals.get(0));
            assertTrue(globals.contains("file_ratio = 2.5"), globals.toString());
            assertTrue(globals.stream().anyMatch(g -> g.matches("greeting = 0x[0-9a-f]+ \"hello\"")), globals.toString());
            assertTrue(globals.contains("origin = {x = -1, y = 1}"), globals.toString());
            assertTrue(globals.contains("table = {1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0}"), globals.toString());
            assertTrue(globals.contains("banner = \"abc\", '\\000' <repeats 12 times>"), globals.toString());
            assertEquals("apply::calls = 1", globals.get(globals.size() - 1));
            assertEquals(List.of("op", "a", "b"), t.frames().arguments(f).stream().map(Variable::name).toList());
            assertEquals(List.of("calls", "result"), t.frames().locals(f).stream().map(Variable::name).toList());
        });
    }

    @Test
    void libraryTypesShowWithoutStandaloneDebugInfo() throws Exception {
        Path full = Fixtures.compile("values.cpp", "-fstandalone-debug");
        String where = "values.cpp:" + Fixtures.line("values.cpp", "main");
        Map<String, String> gdb = GdbValueOracle.at(full, where, 1, List.of()).get(0).locals().stream()
                .collect(Collectors.toMap(GdbValueOracle.Entry::name, GdbValueOracle.Entry::value));
        at("values.cpp", "main", (t, f) -> {
            Map<String, Variable> locals = byName(t.frames().locals(f));
            for (String name : List.of("name", "empty", "sizes", "words", "squares", "counts", "pi", "pd", "m", "ok", "primes", "tags",
                    "owned", "nobody", "unset", "names", "none", "queue", "nothing", "hashed", "rates", "seen")) {
                assertEquals(gdb.get(name), locals.get(name).value(), name);
            }
            assertEquals("std::string", locals.get("name").type());
            assertEquals("std::vector<std::string>", locals.get("words").type());
            Variable words = locals.get("words");
            assertTrue(words.indexedChildren());
            assertEquals(List.of("[0] = \"a\"", "[1] = \"bc\""), show(words.children()));
            Variable counts = locals.get("counts");
            assertEquals(List.of("[\"a\"] = 1", "[\"b\"] = 2"), show(counts.children()));
            assertEquals(List.of("[3] = 4"), show(locals.get("squares").children(1, 1)));
            assertFalse(locals.get("name").hasChildren());
            assertEquals(List.of("[0] = 2", "[1] = 3", "[2] = 5", "[3] = 7"), show(locals.get("primes").children()));
            Variable owned = locals.get("owned");
            assertEquals("get()", owned.children().get(0).name());
            assertEquals(List.of("*get() = 5"), show(owned.children().get(0).children()));
            Variable r = locals.get("r");
            assertEquals(List.of("geo::Shape", "w", "h"), r.children().stream().map(Variable::name).toList());
            assertEquals(List.of("_vptr$Shape", "id"), r.children().get(0).children().stream().map(Variable::name).toList());
            assertEquals("\"bc\"", t.frames().evaluate("words[1]", f).value());
            assertEquals("3", t.frames().evaluate("sizes[2]", f).value());
        });
    }
}
