package dev.hindsight.tracer.elf;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.testing.Commands;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Our ELF reading against binutils (nm, objdump, readelf) on real binaries. */
class ElfFileTest {
    static final Path LIBC = Path.of("/lib/x86_64-linux-gnu/libc.so.6");

    @ParameterizedTest
    @ValueSource(strings = {"-no-pie", "-fPIE -pie", "-no-pie -Wl,-z,now", "-fPIE -pie -Wl,-z,now -fcf-protection=full"})
    void functionSymbolsMatchNm(String flags) {
        Path exe = Fixtures.compile("hello.c", flags.split(" "));
        ElfFile elf = ElfFile.open(exe);
        Map<String, Long> nm = nm(exe, false);
        assertTrue(nm.size() > 5);
        for (Map.Entry<String, Long> e : nm.entrySet()) {
            assertEquals(e.getValue(), elf.addressOf(e.getKey()).orElse(-1), e.getKey());
        }
        long main = nm.get("main");
        assertEquals("main", elf.symbols().lookup(main).orElseThrow().toString());
        assertEquals("main+4", elf.symbols().lookup(main + 4).orElseThrow().toString());
        assertEquals(flags.contains("-no-pie") ? ElfFile.ET_EXEC : ElfFile.ET_DYN, elf.type());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-no-pie", "-fPIE -pie", "-fPIE -pie -Wl,-z,now -fcf-protection=full"})
    void pltEntriesAreNamedLikeObjdump(String flags) throws Exception {
        Path exe = Fixtures.compile("hello.c", flags.split(" "));
        ElfFile elf = ElfFile.open(exe);
        Map<Long, String> calls = objdumpCallTargets(exe);
        assertTrue(calls.values().stream().anyMatch(n -> n.equals("printf@plt")), "objdump shows printf@plt: " + calls);
        for (Map.Entry<Long, String> c : calls.entrySet()) {
            if (!c.getValue().endsWith("@plt")) continue;
            assertEquals(c.getValue(), elf.symbols().lookup(c.getKey()).orElseThrow().toString(), "call target 0x" + Long.toHexString(c.getKey()));
        }
    }

    @Test
    void gccBuiltBinariesToo() throws Exception {
        Path out = Path.of("target/fixtures/hello-gcc");
        Process p = new ProcessBuilder("gcc", "-g", "-O0", "-o", out.toString(), Fixtures.source("hello.c").toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        ElfFile elf = ElfFile.open(out);
        nm(out, false).forEach((name, addr) -> assertEquals(addr, elf.addressOf(name).orElse(-1), name));
        Map<Long, String> calls = objdumpCallTargets(out);
        calls.forEach((addr, name) -> {
            if (name.endsWith("@plt")) assertEquals(name, elf.symbols().lookup(addr).orElseThrow().toString());
        });
    }

    @Test
    void libcDynamicSymbols() {
        ElfFile libc = ElfFile.open(LIBC);
        Map<String, Long> nm = nm(LIBC, true);
        for (String f : List.of("printf", "malloc", "free", "strlen", "exit")) {
            assertEquals(nm.get(f), libc.addressOf(f).orElse(-1), f);
        }
        // Aliases at one address are named as users know them.
        assertEquals("printf", libc.symbols().lookup(nm.get("printf")).orElseThrow().symbol());
        assertEquals("malloc", libc.symbols().lookup(nm.get("malloc")).orElseThrow().symbol());
        assertEquals(ElfFile.ET_DYN, libc.type());
        assertTrue(libc.sectionData(".eh_frame").isPresent());
        assertTrue(libc.sectionData(".bss").isEmpty(), "NOBITS has no contents");
    }

    @Test
    void compressedDebugSectionsAreInflated() throws Exception {
        Path plain = Fixtures.compile("hello.c");
        Path packed = Fixtures.compile("hello.c", "-gz=zlib");
        ElfFile a = ElfFile.open(plain), b = ElfFile.open(packed);
        assertTrue(b.section(".debug_info").orElseThrow().isCompressed());
        assertEquals(a.sectionData(".debug_info").orElseThrow(), b.sectionData(".debug_info").orElseThrow());
        assertEquals(a.sectionData(".debug_line").orElseThrow().remaining(), b.sectionData(".debug_line").orElseThrow().remaining());
    }

    @Test
    void interpreterAndEntry() {
        ElfFile elf = ElfFile.open(Fixtures.compile("hello.c", "-no-pie"));
        assertEquals("/lib64/ld-linux-x86-64.so.2", elf.interpreter().orElseThrow());
        assertEquals(elf.addressOf("_start").orElseThrow(), elf.entry());
    }

    static Map<String, Long> nm(Path binary, boolean dynamic) {
        String out = Commands.output(dynamic ? List.of("nm", "-D", "--defined-only", binary.toString()) : List.of("nm", "--defined-only", binary.toString()));
        Map<String, Long> m = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 3 || !f[1].matches("[Tti]") || f[2].startsWith(".")) continue;
            // Dynamic symbols carry a version (printf@@GLIBC_2.2.5); static ones with '@' are PLT-like.
            String name = dynamic ? f[2].split("@")[0] : f[2];
            if (!name.contains("@")) m.putIfAbsent(name, Long.parseUnsignedLong(f[0], 16));
        }
        return m;
    }

    static Map<Long, String> objdumpCallTargets(Path binary) {
        Matcher m = Pattern.compile("call\\s+([0-9a-f]+) <([^>+]+)>").matcher(Commands.output(List.of("objdump", "-d", binary.toString())));
        Map<Long, String> calls = new HashMap<>();
        while (m.find()) calls.put(Long.parseUnsignedLong(m.group(1), 16), m.group(2));
        return calls;
    }

}
