package dev.hindsight.tracer.dwarf;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.dwarf.cfi.CallFrameInfo;
import dev.hindsight.tracer.dwarf.cfi.FrameDescriptionEntry;
import dev.hindsight.tracer.dwarf.cfi.Unwinder;
import dev.hindsight.tracer.dwarf.expr.ExpressionContext;
import dev.hindsight.tracer.dwarf.expr.ExpressionEvaluator;
import dev.hindsight.tracer.dwarf.info.CompilationUnit;
import dev.hindsight.tracer.dwarf.info.DebugInfo;
import dev.hindsight.tracer.dwarf.info.Die;
import dev.hindsight.tracer.dwarf.info.DwAt;
import dev.hindsight.tracer.elf.ElfFile;
import dev.hindsight.tracer.source.ModuleSource;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Seeded random damage to one DWARF section at a time (bit flips, truncation, overwritten runs,
 * bytes repeated) gives errors or a partial view, never an uncaught exception, a hang or an OOM.
 * Every part of the reader is driven over the damaged data: units, DIEs, attributes, location
 * lists, line tables, address index, CFI parsing and unwinding, expression evaluation.
 */
class CorruptDwarfTest {
    private static final List<String> TARGETS = List.of(DwarfSections.INFO, DwarfSections.ABBREV, DwarfSections.LINE,
            DwarfSections.STR, DwarfSections.LINE_STR, DwarfSections.STR_OFFSETS, DwarfSections.ADDR,
            DwarfSections.RNGLISTS, DwarfSections.RANGES, DwarfSections.LOC, DwarfSections.LOCLISTS,
            DwarfSections.EH_FRAME, DwarfSections.FRAME, DwarfSections.ARANGES);
    /** Not a speed limit: a hang detector, generous for a loaded 2-core machine. */
    private static final Duration HANG = Duration.ofSeconds(20);

    /** {@code variants}: fewer for C++, whose library headers make every walk long. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "source_cpp.cpp, -gdwarf-5 -gdwarf-aranges, 11, 200",
            "dwarf_types.c, -gdwarf-4, 12, 800",
            "source_c.c, -O2 -gdwarf-5, 13, 800",
            "source_c.c, -O2 -gdwarf-4 -fno-asynchronous-unwind-tables, 14, 800",
            "source_cpp.cpp, gcc -O2, 15, 200",
    })
    void damagedSectionsFailCleanly(String fixture, String flags, long seed, int variants) {
        ElfFile elf = ElfFile.open(Fixtures.compileSpec(fixture, flags));
        Map<String, byte[]> good = new HashMap<>();
        DwarfSections original = ModuleSource.sections(elf);
        for (String name : TARGETS) original.section(name).ifPresent(b -> good.put(name, bytes(b)));
        List<String> present = TARGETS.stream().filter(good::containsKey).toList();
        assertTrue(present.size() >= 5, "sections " + present);
        assertEquals(List.of(), new DwarfWalk(1_000_000).walk(original).problems, "the undamaged file reads cleanly");
        Random random = new Random(seed);
        int partial = 0, noticed = 0;
        for (int i = 0; i < variants; i++) {
            String target = present.get(random.nextInt(present.size()));
            Map<String, ByteBuffer> damaged = new HashMap<>();
            good.forEach((name, data) -> damaged.put(name, wrap(name.equals(target) ? Mutations.damage(data, random) : data)));
            DwarfSections s = new DwarfSections(damaged, original.ehFrameAddress());
            DwarfWalk w = assertTimeoutPreemptively(HANG, () -> exercise(s), "damage to " + target + " #" + i);
            if (w.units > 0 || w.fdes > 0) partial++;
            if (!w.problems.isEmpty()) noticed++;
        }
        assertTrue(noticed > variants / 8, "damage is reported as problems: " + noticed);
        assertTrue(partial > variants / 2, "most damage still leaves a partial view: " + partial);
    }

    private static DwarfWalk exercise(DwarfSections s) {
        DwarfWalk w = new DwarfWalk(100_000).walk(s);
        evaluateLocations(s);
        unwind(s);
        return w;
    }

    /** Every location expression in the unit trees, run against a made-up but consistent machine. */
    private static void evaluateLocations(DwarfSections s) {
        DebugInfo info;
        try {
            info = new DebugInfo(s);
        } catch (DwarfFormatException e) {
            return;
        }
        ExpressionEvaluator evaluator = new ExpressionEvaluator(8);
        for (CompilationUnit u : info.units()) {
            try {
                for (Die d : u.allDies()) {
                    for (int attr : new int[] {DwAt.LOCATION, DwAt.FRAME_BASE, DwAt.DATA_MEMBER_LOCATION}) {
                        d.block(attr).ifPresent(b -> evaluator.evaluate(b, MACHINE, 0x7ff0_0000L));
                    }
                }
            } catch (DwarfFormatException e) {
                // recorded by the walk
            }
        }
    }

    /** One unwind step from the start and the end of every FDE. */
    private static void unwind(DwarfSections s) {
        List<CallFrameInfo> cfi = new ArrayList<>();
        for (boolean eh : new boolean[] {true, false}) {
            try {
                cfi.add(eh ? CallFrameInfo.ehFrame(s) : CallFrameInfo.debugFrame(s));
            } catch (DwarfFormatException e) {
                // recorded by the walk
            }
        }
        Unwinder unwinder = new Unwinder(cfi);
        for (CallFrameInfo c : cfi) {
            for (FrameDescriptionEntry fde : c.fdes()) {
                for (long pc : new long[] {fde.pcBegin(), fde.pcEnd() - 1}) {
                    Map<Integer, Long> regs = new HashMap<>();
                    for (int r = 0; r < 16; r++) regs.put(r, 0x7ff0_0000L + r * 64);
                    regs.put(Unwinder.RIP, pc);
                    unwinder.step(regs, (address, size) -> MACHINE.readMemory(address, size), true);
                    unwinder.step(regs, (address, size) -> MACHINE.readMemory(address, size), false);
                }
            }
        }
    }

    private static final ExpressionContext MACHINE = new ExpressionContext() {
        @Override public OptionalLong register(int r) { return r < 17 ? OptionalLong.of(0x7ff0_0000L + r * 64) : OptionalLong.empty(); }
        @Override public OptionalLong readMemory(long address, int size) {
            return address > 0x1000 ? OptionalLong.of(address * 31 + 7) : OptionalLong.empty();
        }
        @Override public OptionalLong frameBase() { return OptionalLong.of(0x7ff0_1000L); }
        @Override public OptionalLong cfa() { return OptionalLong.of(0x7ff0_2000L); }
    };

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    private static ByteBuffer wrap(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }
}
