package dev.hindsight.tracer.values;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.testing.Commands;
import dev.hindsight.tracer.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * c++filt is the oracle: every name we demangle equals its output (less the return type of
 * templates, which gdb leaves out too); what we cannot demangle stays mangled, never wrong.
 */
class DemanglerTest {
    @Test
    void agreesWithCxxFiltOnAProgramAndOnLibstdcxx() {
        List<String> symbols = new ArrayList<>();
        for (String line : Commands.output(List.of("nm", Fixtures.compile("values.cpp").toString())).split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length > 0 && parts[parts.length - 1].startsWith("_Z")) symbols.add(parts[parts.length - 1]);
        }
        String lib = Commands.output(List.of("sh", "-c", "ls /usr/lib/x86_64-linux-gnu/libstdc++.so.6 2>/dev/null")).trim();
        if (!lib.isEmpty()) {
            String[] dyn = Commands.output(List.of("nm", "-D", lib)).split("\n");
            for (int i = 0; i < dyn.length; i += 7) {
                String name = dyn[i].trim().replaceAll(".*\\s", "").replaceAll("@.*", "");
                if (name.startsWith("_Z")) symbols.add(name);
            }
        }
        assertTrue(symbols.size() > 300, "symbols: " + symbols.size());
        String filtered = run(symbols);
        String[] want = filtered.split("\n");
        assertEquals(symbols.size(), want.length);
        int demangled = 0;
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < symbols.size(); i++) {
            String ours = Demangler.demangle(symbols.get(i));
            if (ours.equals(symbols.get(i))) continue;
            demangled++;
            if (!ours.equals(want[i]) && !want[i].endsWith(" " + ours)) wrong.add(symbols.get(i) + "\n  ours: " + ours + "\n  c++filt: " + want[i]);
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " wrong:\n" + String.join("\n", wrong.subList(0, Math.min(5, wrong.size()))));
        assertTrue(demangled > symbols.size() * 8 / 10, demangled + " of " + symbols.size() + " demangled");
    }

    private static String run(List<String> symbols) {
        try {
            Process p = new ProcessBuilder("c++filt").redirectErrorStream(true).start();
            Thread writer = new Thread(() -> {
                try (var out = p.getOutputStream()) {
                    out.write((String.join("\n", symbols) + "\n").getBytes());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.start();
            String text = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
            writer.join();
            return text;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void namesGdbShowsInPointers() {
        assertEquals("vtable for geo::Rect", Demangler.demangle("_ZTVN3geo4RectE"));
        assertEquals("geo::twice<int>(int const&)", Demangler.demangle("_ZN3geo5twiceIiEET_RKS1_"));
        assertEquals("geo::Rect::area() const", Demangler.demangle("_ZNK3geo4Rect4areaEv"));
        assertEquals("square", Demangler.demangle("square"));
        assertEquals("_Zgarbage", Demangler.demangle("_Zgarbage"));
    }
}
