package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.tracer.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Arithmetic on functions as gdb does it, in lockstep with gdb 13: a function plus or minus an
 * integer is a pointer to the function type, {@code sizeof} a function 1 ({@code &main + 1} is
 * {@code main+1}), casts to {@code char *} and {@code void *}, shown with the symbol and offset
 * ({@code (int (*)(int, char **)) 0x… <main+24>}) while stopped ({@code -data-evaluate-expression}
 * without print's type prefix); {@code x/2i main+4} and {@code info symbol} of such addresses.
 */
class MiFunctionArithmeticTest {
    private static final List<String> EXPRESSIONS = List.of("main+24", "main", "&main", "main - 1", "&main + 1",
            "(long)((char*)main + 3)", "(long)main", "scale + 4", "*main", "main == main", "main+24 - main", "(void*)main + 3");

    private static Object beforeString(String text) {
        int quote = text.indexOf('"');
        return quote < 0 ? text : text.substring(0, quote);
    }

    @Test
    void functionsPlusIntegersArePointersWithSymbolsAsInGdb() throws Exception {
        Lockstep l = new Lockstep()
                .cmd("-gdb-set mi-async on")
                .cmd("-break-insert main")
                .exec("-exec-run");
        for (String e : EXPRESSIONS) l.cmd("-data-evaluate-expression \"" + e + "\"", r -> r.results());
        l.cmd("-data-evaluate-expression \"main + argc\"", r -> r.results())
                .console("print main+24")
                .console("print/x main+24")
                .console("print &main + 1")
                // the address only: gdb 13 drops a byte after an invalid UTF-8 sequence in the string it shows
                .console("print (char*)main + 3", MiFunctionArithmeticTest::beforeString)
                .console("print (void*)main + 3")
                .console("print scale+1")
                .console("output main+2")
                .console("x/2i main+4")
                .console("x/2i &main")
                .console("info symbol main+24")
                .console("info symbol main")
                .console("info symbol 0")
                .console("info symbol &p")
                .run(Fixtures.compile("lockstep.c"));
    }
}
