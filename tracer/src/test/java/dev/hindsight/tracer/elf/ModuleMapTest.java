package dev.hindsight.tracer.elf;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.testing.Await;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.Nm;
import dev.hindsight.tracer.testing.Proc;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Symbolizing a live process's addresses: the map's biases against nm and /proc arithmetic. */
class ModuleMapTest {
    @Test
    void liveProcessAddressesSymbolizeIncludingLibc() throws Exception {
        Path exe = Fixtures.compile("endless.c", "-fPIE", "-pie");
        String exePath = exe.toRealPath().toString();
        long counter = Nm.address(exe, "counter"); // link address; only main's loop changes it
        Process p = new ProcessBuilder(exe.toString()).start();
        try {
            // Once main's loop counts, the loader has mapped libc and is done.
            Await.until("the program counting in main's loop", () -> Proc.runs(p.pid(), exe)
                    && Proc.readLong(p.pid(), base(Proc.maps(p.pid()), exePath) + counter) != 0);
            String maps = Proc.maps(p.pid());
            ModuleMap map = ModuleMap.fromMaps(maps, exe.toRealPath(), null);
            long exeBase = base(maps, exePath);
            long mainLink = ElfFileTest.nm(exe, false).get("main");
            long main = map.resolve("main").orElseThrow();
            assertEquals(exeBase + mainLink, main, "PIE bias: first mapping maps file offset 0 at link address 0");
            assertEquals("main+3", map.symbolize(main + 3).orElseThrow().toString());

            LoadedModule libc = map.modules().stream().filter(m -> m.name().equals("libc.so.6")).findFirst().orElseThrow();
            Map<String, Long> libcNm = ElfFileTest.nm(ElfFileTest.LIBC, true);
            long printf = map.resolve("printf").orElseThrow();
            assertEquals(libc.bias() + libcNm.get("printf"), printf);
            assertEquals("printf", map.symbolize(printf).orElseThrow().toString());
            assertEquals("printf+4", map.symbolize(printf + 4).orElseThrow().toString());
            assertTrue(map.modules().stream().anyMatch(LoadedModule::mainExecutable));
            assertTrue(map.symbolize(0x10).isEmpty());
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    /** The lowest address the executable is mapped at. */
    private static long base(String maps, String exePath) {
        return ProcMaps.parse(maps).stream().filter(m -> m.path().equals(exePath)).mapToLong(ProcMaps.Mapping::start).min().orElseThrow();
    }

    @Test
    void staticMapOfAnExecutableBeforeItRuns() {
        ElfFile elf = ElfFile.open(Fixtures.compile("hello.c", "-no-pie"));
        ModuleMap map = ModuleMap.forExecutable(elf, 0);
        long main = elf.addressOf("main").orElseThrow();
        assertEquals(main, map.resolve("main").orElseThrow());
        assertEquals("main+1", map.symbolize(main + 1).orElseThrow().toString());
    }

    @Test
    void mapsParsing() {
        var maps = ProcMaps.parse("""
                555555554000-555555555000 r--p 00000000 fe:01 1234   /tmp/a b/prog
                7ffff7fc1000-7ffff7fc3000 r-xp 00000000 00:00 0      [vdso]
                7ffffffde000-7ffffffff000 rw-p 00000000 00:00 0      [stack]
                garbage line
                7ffff7dd0000-7ffff7dd2000 rw-p 00000000 00:00 0
                """);
        assertEquals(4, maps.size());
        assertEquals("/tmp/a b/prog", maps.get(0).path());
        assertTrue(maps.get(1).executable());
        assertEquals("", maps.get(3).path());
    }
}
