package dev.hindsight.tracer.effects;

import java.util.List;

/**
 * What one single step did besides changing the general registers.
 *
 * @param writes         the memory the instruction wrote, values read right after the step (at most
 *                       one region on x86-64: no instruction writes two separate places)
 * @param kind           call, return, syscall or other
 * @param fpStateChanged whether x87/SSE/AVX state (the fxsave image or the upper ymm halves) may
 *                       have changed: false only when the instruction provably leaves it alone, so
 *                       the caller fetches the FP registers only when this is true
 * @param unknownWrite   null, or why the writes are not known: the instruction writes memory in a
 *                       way the tracker does not model (a scatter, {@code movdir64b}…) or a planned
 *                       write could not be read back. The caller must fall back (e.g. diff the
 *                       memory it cares about); {@link #writes} is then incomplete.
 */
public record StepEffects(List<MemoryWrite> writes, InstructionKind kind, boolean fpStateChanged, String unknownWrite) {
    public StepEffects {
        writes = List.copyOf(writes);
    }

    public boolean hasUnknownWrite() {
        return unknownWrite != null;
    }
}
