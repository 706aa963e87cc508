package dev.hindsight.tracer.values;

import static dev.hindsight.tracer.testing.Await.stopped;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever a user types, evaluate answers with a value or an EvaluationException, never another exception. */
class MalformedExpressionTest {
    private static final List<String> PIECES = List.of("p", "pp", "tri", "grid", "word", "text", "op", "ip", "(", ")", "[",
            "]", "*", "&", "-", "!", "~", "+", "/", "%", "<<", ">>", "->", ".", "x", "corners", "0", "1", "0x7fffffff",
            "1.5e3", "'a'", "'\\n'", "(char)", "(struct point *)", "(enum color)", "sizeof", "$rip", "$sp", "$nosuch", "?", ":",
            "==", "&&", "||", "::", "\"str\"", "@", "99999999999999999999", "1e999", "'", ",", "GREEN", "square", "(void)");

    @Test
    void randomTokenSoupOnlyEverFailsAsAnEvaluationError() throws Exception {
        try (Target t = Target.launch(LaunchSpec.of(Fixtures.compile("values.c")))) {
            t.breakpoints().addLine(Fixtures.source("values.c").toString(), Fixtures.line("values.c", "main"));
            stopped(t.execution().resume());
            Frame frame = t.frames().backtrace().get(0);
            Random random = new Random(42);
            List<String> problems = new ArrayList<>();
            int values = 0;
            for (int i = 0; i < 3000; i++) {
                StringBuilder e = new StringBuilder();
                int n = 1 + random.nextInt(6);
                for (int k = 0; k < n; k++) e.append(PIECES.get(random.nextInt(PIECES.size()))).append(k % 2 == 0 ? "" : " ");
                try {
                    Variable v = t.frames().evaluate(e.toString(), frame);
                    v.value();
                    v.type();
                    v.children(0, 5).forEach(Variable::value);
                    values++;
                } catch (EvaluationException expected) {
                    assertNotNull(expected.getMessage(), e.toString());
                } catch (RuntimeException other) {
                    problems.add(e + " -> " + other);
                }
            }
            assertTrue(problems.isEmpty(), problems.size() + " unexpected: " + problems.subList(0, Math.min(10, problems.size())));
            assertTrue(values > 100, "some soups are valid expressions: " + values);
        }
    }
}
