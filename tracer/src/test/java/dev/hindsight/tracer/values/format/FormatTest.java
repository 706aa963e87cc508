package dev.hindsight.tracer.values.format;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.dwarf.expr.Location;
import dev.hindsight.tracer.values.Place;
import dev.hindsight.tracer.values.Value;
import dev.hindsight.tracer.values.ValueFormat;
import dev.hindsight.tracer.values.types.Enumerator;
import dev.hindsight.tracer.values.types.StdTypeNames;
import dev.hindsight.tracer.values.types.Type;
import dev.hindsight.tracer.testing.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The printing rules on their own, against what C's printf and gdb 13 print for the same bits. */
class FormatTest {
    private static final double[] DOUBLES = {3.14, 1.0 / 3, 1.5, 0, 100, 1e16, 1e17, 12345678901234567890.0, 1e-5,
            0.0001, -2.5e-300, 4.5825842879145907e+43, 123456.789, Double.MIN_VALUE, Double.MAX_VALUE, -0.1, 2.5e-310};

    /**
     * IEEE binary128 (AArch64's long double, x86's __float128): each double widened by
     * {@link Binary128#encode} prints as libquadmath's {@code %.36Qg} of the same widening (gcc's
     * own conversion), the precision gdb uses; 1/3 computed in quad precision by gcc, as bits.
     */
    @Test
    void binary128PrintsAsQuadmathPercent36Qg(@TempDir Path dir) throws Exception {
        StringBuilder c = new StringBuilder("#include <quadmath.h>\n#include <stdio.h>\n#include <string.h>\nint main(void) {\n"
                + "char b[128]; __float128 q; unsigned char raw[16];\n");
        for (double d : DOUBLES) {
            String lit = Double.toString(d).replace("E", "e");
            c.append("q = (__float128) ").append(lit).append("; quadmath_snprintf(b, sizeof b, \"%.36Qg\", q); puts(b);\n");
        }
        c.append("q = (__float128) 1 / 3; memcpy(raw, &q, 16); quadmath_snprintf(b, sizeof b, \"%.36Qg\", q); puts(b);\n")
                .append("for (int i = 0; i < 16; i++) printf(\"%02x\", raw[i]); puts(\"\");\nreturn 0;\n}\n");
        Path src = Files.writeString(dir.resolve("q.c"), c.toString());
        Path exe = dir.resolve("q");
        Commands.output(List.of("gcc", "-o", exe.toString(), src.toString(), "-lquadmath"));
        List<String> lines = List.of(Commands.output(List.of(exe.toString())).split("\n"));
        for (int i = 0; i < DOUBLES.length; i++) {
            assertEquals(lines.get(i), Binary128.text(Binary128.encode(DOUBLES[i])), "binary128 of " + DOUBLES[i]);
        }
        byte[] third = java.util.HexFormat.of().parseHex(lines.get(DOUBLES.length + 1));
        assertEquals(lines.get(DOUBLES.length), Binary128.text(third), "1/3 in quad precision");
        assertEquals(1.0 / 3, Binary128.decode(third).doubleValue(), "the nearest double");
    }

    /** C's printf is the oracle: %.17g for double, %.9g for float, %.21Lg for long double. */
    @Test
    void floatsPrintAsPercentGWithRoundTripDigits(@TempDir Path dir) throws Exception {
        StringBuilder c = new StringBuilder("#include <stdio.h>\nint main(void) {\n");
        for (double d : DOUBLES) {
            String lit = Double.toString(d).replace("E", "e");
            c.append("printf(\"%.17g|%.9g|%.21Lg\\n\", ").append(lit).append(", (float) ").append(lit)
                    .append(", (long double) ").append(lit).append(");\n");
        }
        c.append("return 0;\n}\n");
        Path src = Files.writeString(dir.resolve("g.c"), c.toString());
        Path exe = dir.resolve("g");
        Commands.output(List.of("clang", "-o", exe.toString(), src.toString()));
        List<String> lines = List.of(Commands.output(List.of(exe.toString())).split("\n"));
        for (int i = 0; i < DOUBLES.length; i++) {
            double d = DOUBLES[i];
            String[] want = lines.get(i).split("\\|");
            assertEquals(want[0], FloatFormat.ofDouble(d), "double " + d);
            assertEquals(want[1], FloatFormat.ofFloat((float) d), "float " + d);
            assertEquals(want[2], LongDouble.text(LongDouble.encode(d)), "long double " + d);
        }
    }

    @Test
    void specialValuesAsGdbPrintsThem() {
        assertEquals("-0", FloatFormat.ofDouble(-0.0));
        assertEquals("inf", FloatFormat.ofDouble(Double.POSITIVE_INFINITY));
        assertEquals("-inf", FloatFormat.ofDouble(Double.NEGATIVE_INFINITY));
        assertEquals("nan(0x8000000000000)", FloatFormat.ofDouble(Double.NaN));
        assertEquals("nan(0x400000)", FloatFormat.ofFloat(Float.NaN));
        assertEquals("inf", LongDouble.text(LongDouble.encode(Double.POSITIVE_INFINITY)));
        byte[] x87Third = {(byte) 0xab, (byte) 0xaa, (byte) 0xaa, (byte) 0xaa, (byte) 0xaa, (byte) 0xaa, (byte) 0xaa, (byte) 0xaa, (byte) 0xfd, 0x3f};
        assertEquals("0.333333333333333333342", LongDouble.text(x87Third));
    }

    @Test
    void charactersAndStrings() {
        assertEquals("'A'", CharFormat.quoted('A'));
        assertEquals("'\\n'", CharFormat.quoted('\n'));
        assertEquals("'\\''", CharFormat.quoted('\''));
        assertEquals("'\\\\'", CharFormat.quoted('\\'));
        assertEquals("'\\310'", CharFormat.quoted(200));
        assertEquals("'\\000'", CharFormat.quoted(0));
        assertEquals("'\\033'", CharFormat.quoted(27));
        assertEquals("\"say \\\"hi\\\"\"", CharFormat.string("say \"hi\"".getBytes(), 8, false));
        byte[] banner = new byte[15];
        banner[0] = 'a';
        banner[1] = 'b';
        banner[2] = 'c';
        assertEquals("\"abc\", '\\000' <repeats 12 times>", CharFormat.string(banner, 15, false));
        assertEquals("'x' <repeats 11 times>, \"y\"", CharFormat.string("xxxxxxxxxxxy".getBytes(), 12, false));
        assertEquals("\"xxxxxxxxxxy\"", CharFormat.string("xxxxxxxxxxy".getBytes(), 11, false), "ten is below the threshold");
        assertEquals("\"\"", CharFormat.string(new byte[0], 0, false));
        assertEquals("\"ab\"...", CharFormat.string("ab".getBytes(), 2, true));
    }

    /** Wide code units: ASCII ones as characters, others as the octal escapes of their little-endian bytes. */
    @Test
    void wideCharacters() {
        assertEquals("'W'", CharFormat.quoted('W', 4));
        assertEquals("'\\351\\000\\000\\000'", CharFormat.quoted(0xe9, 4));
        assertEquals("'\\377\\377\\000\\000'", CharFormat.quoted(-1, 2));
        assertEquals("'\\200'", CharFormat.quoted(0x80, 2));
        byte[] units = {'h', 0, 0, 0, 'i', 0, 0, 0, 0, (byte) 0xf6, 1, 0};
        assertEquals("\"hi\\000\\366\\001\\000\"", CharFormat.string(units, 4, 3, false));
    }

    @Test
    void unreachableThreadLocalStorageIsNotCalledOptimizedOut() {
        Type integer = Type.base("int", 4, Type.Encoding.SIGNED);
        ValuePrinter printer = new ValuePrinter(ValueFormat.NATURAL);
        Place noTls = new Place.Unavailable(Location.Unavailable.NO_THREAD_LOCAL_STORAGE);
        assertEquals("<thread-local storage unavailable>", printer.print(new Value(integer, noTls, null)));
        assertEquals("<optimized out>", printer.print(new Value(integer, new Place.Unavailable("optimized out"), null)));
    }

    @Test
    void flagEnumsCombineNamesAndShowLeftoverBits() {
        var bits = TestTypes.enumeration(List.of(new Enumerator("B_ONE", 1), new Enumerator("B_TWO", 2), new Enumerator("B_FOUR", 4)));
        assertEquals("(B_ONE | B_FOUR)", EnumFormat.of(bits, 5));
        assertEquals("(B_TWO | unknown: 0x8)", EnumFormat.of(bits, 10));
        assertEquals("(unknown: 0x10)", EnumFormat.of(bits, 16));
        assertEquals("0", EnumFormat.of(bits, 0));
        var color = TestTypes.enumeration(List.of(new Enumerator("RED", 0), new Enumerator("GREEN", 5), new Enumerator("BLUE", 6)));
        assertEquals("GREEN", EnumFormat.of(color, 5));
        assertEquals("7", EnumFormat.of(color, 7));
    }

    @Test
    void libstdcxxTypeNamesAreShortenedAsGdbsTypePrintersDo() {
        String string = "std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >";
        assertEquals("std::string", StdTypeNames.simplify(string));
        assertEquals("std::vector<int>", StdTypeNames.simplify("std::vector<int, std::allocator<int> >"));
        assertEquals("std::vector<std::string>", StdTypeNames.simplify("std::vector<" + string + ", std::allocator<" + string + "> >"));
        assertEquals("std::map<std::string, int>", StdTypeNames.simplify("std::map<" + string + ", int, std::less<" + string
                + ">, std::allocator<std::pair<const " + string + ", int> > >"));
        assertEquals("std::vector<int, my_alloc>", StdTypeNames.simplify("std::vector<int, my_alloc>"));
        assertEquals("geo::Box<int>", StdTypeNames.simplify("geo::Box<int>"));
    }
}
