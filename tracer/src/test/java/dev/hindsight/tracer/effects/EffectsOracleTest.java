package dev.hindsight.tracer.effects;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Over whole programs (from the dynamic linker's first instruction to exit), every byte an
 * instruction changed is covered by a write the tracker reported, with the value memory holds
 * after the step, and FP state never changes behind a "could not have changed".
 */
class EffectsOracleTest {
    private static final Set<String> ASM_FAMILIES = Set.of("addl", "adcl", "sbbl", "andw", "orb", "negl", "notq", "incq",
            "decw", "sete", "setne", "cmovne", "movbe", "xchg", "lock cmpxchg", "lock xadd", "lock cmpxchg16b", "bts", "btsl",
            "btrq", "btcw", "shll", "shrw", "sarq", "roll", "rorb", "shld", "push", "pushf", "pop", "call", "enter", "leave",
            "rep stos", "stos", "rep movsb", "rep movsw", "movsq", "movaps", "movups", "movdqa",
            "movdqu", "movq", "movd", "movss", "movsd", "movlps", "movhpd", "movntdq", "movntps", "movnti", "pextrb", "pextrw",
            "pextrd", "pextrq", "extractps", "stmxcsr", "maskmovdqu", "vmovdqu", "vmovaps", "vmovups", "vmovntdq", "vmovq",
            "vmovd", "vextractf128", "vextracti128", "vmaskmovps", "vpmaskmovd", "fsts", "fstl", "fstpt", "fistl", "fistpll",
            "fisttpl", "fnstcw", "fnstsw", "fbstp", "fnstenv", "fnsave", "fxsave", "fxsave64", "xsave", "xsaveopt", "xsavec",
            "rdtsc", "cpuid", "syscall");

    // effects_cpp links libstdc++ statically: with libstdc++.so the run is 1.7 million steps, 1.5
    // million of them ld.so resolving libstdc++'s relocations (the lookup loop every C row steps
    // through too), 3/4 of this class's time; statically 0.2 million, its strings, vectors,
    // virtual call, new and exception (unwound by the shared libgcc_s) run as before.
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "effects_insns.S, ''",
            "effects_strings.c, ''",
            "effects_strings.c, gcc -O2",
            "effects_vector.c, -O1 -mavx2",
            "effects_x87.c, ''",
            "effects_cpp.cpp, -O1 -static-libstdc++",
            "effects_lazy.c, '-Wl,-z,lazy'",
    })
    void everyChangedByteIsReported(String fixture, String flags) throws Exception {
        Path exe = Fixtures.compileSpec(fixture, flags);
        EffectsRun.Result r = EffectsRun.run(exe, EffectsRun.ENV, null);
        if (r.failure() != null) fail(r.failure());
        assertTrue(r.end() instanceof StopEvent.Exited x && x.exitCode() == 0 && x.signal() == null, "ran to a clean exit: " + r.end());
        System.out.printf("%s %s: %d steps, kinds %s%n", fixture, flags, r.steps(), r.kinds());
        if (fixture.equals("effects_insns.S")) {
            // The fixture is only a proof if the families really ran (names from the engine's own disassembler,
            // spelled as objdump and gdb spell them: `rep stos %al,%es:(%rdi)` for stosb, stosl and stosq alike).
            Set<String> missing = new TreeSet<>(ASM_FAMILIES);
            missing.removeAll(r.mnemonics().keySet());
            assertEquals(Set.of(), missing, "instructions of effects_insns.S that never executed");
        }
        if (fixture.equals("effects_lazy.c")) {
            assertTrue(r.mnemonics().containsKey("xsavec") || r.mnemonics().containsKey("xsave")
                    || r.mnemonics().containsKey("fxsave"), "ld.so's lazy resolver saved the vector state: " + r.mnemonics().keySet());
        }
    }
}
