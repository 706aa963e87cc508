package dev.hindsight.tracer.elf;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Demangled names equal c++filt --no-verbose's (libiberty with gdb's options) over real symbol tables. */
class DemanglerTest {
    @Test
    void libstdcxxAndFixtureSymbolsDemangleAsCxxfilt() throws Exception {
        TreeSet<String> names = new TreeSet<>();
        List<Path> objects = new ArrayList<>(List.of(Fixtures.compile("source_cpp.cpp"), Fixtures.compile("backtrace.cpp"),
                Fixtures.compile("lockstep.cpp")));
        Path libstdcxx = Path.of("/usr/lib/x86_64-linux-gnu/libstdc++.so.6");
        if (libstdcxx.toFile().exists()) objects.add(libstdcxx);
        for (Path p : objects) {
            for (ElfSymbol s : ElfFile.open(p).symbols().all()) if (s.name().startsWith("_Z")) names.add(s.name().replace("@plt", ""));
        }
        assertTrue(names.size() > 100, names.size() + " mangled names");
        List<String> mangled = new ArrayList<>(names);
        List<String> expected = cxxfilt(mangled);
        List<String> wrong = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (int i = 0; i < mangled.size(); i++) {
            String ours = Demangler.demangle(mangled.get(i));
            if (ours.equals(mangled.get(i))) unchanged.add(mangled.get(i));
            else if (!ours.equals(expected.get(i))) wrong.add(mangled.get(i) + "\n   ours:    " + tail(ours, expected.get(i))
                    + "\n   c++filt: " + tail(expected.get(i), ours));
        }
        // Not understood is allowed (the mangled name is shown); understood wrongly is not.
        assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())), wrong.size() + " wrong of " + mangled.size());
        assertTrue(unchanged.size() < mangled.size() / 20, unchanged.size() + " of " + mangled.size() + " left mangled, e.g. "
                + unchanged.subList(0, Math.min(10, unchanged.size())));
    }

    @Test
    void namesAsGdbShowsThem() {
        assertEquals("std::terminate()", Demangler.demangle("_ZSt9terminatev"));
        assertEquals("main::$_0::operator()(int) const", Demangler.demangle("_ZZ4mainENK3$_0clEi"));
        assertEquals("foo() [clone .cold]", Demangler.demangle("_Z3foov.cold"));
        assertEquals("main", Demangler.demangle("main"));
        assertEquals("std::terminate()@plt", Demangler.demangle("_ZSt9terminatev@plt"));
        assertEquals("_Zbroken", Demangler.demangle("_Zbroken"));
        assertEquals(new Demangler.Function("main::$_0::operator()", "(int) const"), Demangler.function("_ZZ4mainENK3$_0clEi").orElseThrow());
        assertEquals(new Demangler.Function("outer::apply<int>", "(int)"), Demangler.function("_ZN5outer5applyIiEEiT_").orElseThrow());
    }

    /** {@code a} from a little before where it first differs from {@code b}. */
    private static String tail(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) i++;
        return (i > 40 ? "…" : "") + a.substring(Math.max(0, i - 40));
    }

    private static List<String> cxxfilt(List<String> names) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("c++filt", "--no-verbose").redirectErrorStream(true).start();
        Thread writer = new Thread(() -> {
            try (var out = p.getOutputStream()) {
                out.write((String.join("\n", names) + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // c++filt died: the read below comes up short
            }
        });
        writer.start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        writer.join();
        p.waitFor();
        assertEquals(names.size(), lines.size());
        return lines;
    }
}
