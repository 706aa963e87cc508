package dev.hindsight.tracer.source;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.dwarf.info.AddressRange;
import dev.hindsight.tracer.elf.ElfFile;
import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.testing.Commands;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The program's functions and their variables' stack slots, against nm -S and gdb. */
class ProgramFunctionsTest {
    @ParameterizedTest
    @ValueSource(strings = {"clang", "gcc"})
    void functionsEndWhereNmSaysAndSlotsAreWhereGdbFindsTheVariables(String compiler) {
        Path exe = Fixtures.compileWith(compiler, "hello.c", "-O0");
        List<ProgramFunctions.Function> functions = ProgramFunctions.of(ModuleMap.forExecutable(ElfFile.open(exe), 0));
        Map<String, long[]> nm = new TreeMap<>();
        for (String line : Commands.output(List.of("nm", "-S", "--defined-only", exe.toString())).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 4 && f[2].equalsIgnoreCase("t")) nm.put(f[3], new long[] {Long.parseUnsignedLong(f[0], 16), Long.parseUnsignedLong(f[1], 16)});
        }
        // Only the program's own: add and main, never _start, frame_dummy or the PLT.
        assertEquals(List.of("add", "main"), functions.stream().map(ProgramFunctions.Function::name).toList());
        for (ProgramFunctions.Function f : functions) {
            AddressRange r = f.ranges().get(0);
            assertEquals(nm.get(f.name())[0], r.low(), f.name());
            assertEquals(nm.get(f.name())[0] + nm.get(f.name())[1], r.high(), f.name() + " ends at its symbol's end");
        }
        ProgramFunctions.Function main = functions.get(1);
        List<String> names = new ArrayList<>();
        List<String> command = new ArrayList<>(List.of("gdb", "-nx", "-batch", "-ex", "break hello.c:" + Fixtures.line("hello.c", "loop"), "-ex", "run"));
        for (ProgramFunctions.Slot s : main.slots()) {
            names.add(s.name());
            command.addAll(List.of("-ex", "printf \"slot %s %ld\\n\", \"" + s.name() + "\", (long)&" + s.name() + " - (long)$rbp"));
        }
        assertEquals(List.of("argc", "argv", "total", "i"), names);
        command.add(exe.toString());
        String printed = Commands.output(command);
        Matcher m = Pattern.compile("slot (\\w+) (-?\\d+)").matcher(printed);
        int seen = 0;
        while (m.find()) {
            String name = m.group(1);
            long gdbOffset = Long.parseLong(m.group(2));
            assertEquals(gdbOffset, main.slots().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().rbpOffset(), name);
            seen++;
        }
        assertEquals(4, seen, "gdb printed every slot: " + printed);
    }

    /** Templates instantiated from the C++ library's headers are compiled in, but not the program's own. */
    @org.junit.jupiter.api.Test
    void functionsFromSystemHeadersAreNotTheProgramsOwn() {
        Path exe = Fixtures.compile("compile_vector.cpp");
        List<String> names = ProgramFunctions.of(ModuleMap.forExecutable(ElfFile.open(exe), 0)).stream()
                .map(ProgramFunctions.Function::name).toList();
        // gdb's "info functions" groups the functions with debug information by the file declaring them.
        String gdb = Commands.output(List.of("gdb", "-nx", "-batch", "-ex", "info functions", exe.toString()));
        List<String> headerFiles = new ArrayList<>();
        for (String line : gdb.split("\n")) if (line.startsWith("File ") && line.contains("/include/")) headerFiles.add(line);
        assertTrue(headerFiles.size() > 3, "gdb lists functions from the C++ headers: " + headerFiles);
        assertEquals(List.of("main"), names);
    }

    /** Assembly has lines but no function entries: its code is listed from its main symbol to its last instruction. */
    @org.junit.jupiter.api.Test
    void anAssemblySourceIsTheProgramFromItsSymbolToItsLastInstruction() {
        Path exe = Fixtures.compile("compile_main.s");
        List<ProgramFunctions.Function> functions = ProgramFunctions.of(ModuleMap.forExecutable(ElfFile.open(exe), 0));
        assertEquals(List.of("main"), functions.stream().map(ProgramFunctions.Function::name).toList());
        // objdump: main's last instruction is its ret; the function ends right after it.
        String listing = Commands.output(List.of("objdump", "-d", "--no-show-raw-insn", exe.toString()));
        Matcher ret = Pattern.compile("<main>:\\n(?:.*\\n)*?\\s+([0-9a-f]+):\\s+ret").matcher(listing);
        assertTrue(ret.find(), listing);
        long retAt = Long.parseUnsignedLong(ret.group(1), 16);
        assertEquals(retAt + 1, functions.get(0).ranges().get(0).high());
        assertEquals(Long.parseUnsignedLong(Commands.output(List.of("nm", exe.toString())).lines()
                .filter(l -> l.endsWith(" T main")).findFirst().orElseThrow().split(" ")[0], 16), functions.get(0).ranges().get(0).low());
    }
}
