package dev.hindsight.index.origin;

import java.util.Map;

/**
 * One node of a value's origin tree. {@code id} is stable and self-describing: a front end sends
 * it back to {@link ValueOrigin#expand} for the children ({@code expandable} says whether there
 * are any to ask for). Times are global instruction times; {@code time} is when the value is
 * looked at (for a register or memory node: before that instruction runs; for an instruction: the
 * instruction itself), {@code pc}/{@code tid} the instruction's. {@code value}: the bytes
 * (little-endian) the node holds (a register or memory range), wrote (an instruction), or is (a
 * constant); null when unknown. {@code facts}: kind-specific numbers, named in {@link Kind}.
 */
public record OriginNode(String id, Kind kind, Role role, String label, long time, long pc, int tid, String register,
                         long address, byte[] value, Map<String, Long> facts, boolean expandable) {
    public enum Kind {
        /** A register at a time; children: its last writer. */
        REGISTER,
        /** A memory range at a time; children: the writes that made its bytes, and where unwritten bytes came from. */
        MEMORY,
        /** An instruction that wrote the value; children: what it read. */
        INSTRUCTION,
        /** An immediate or an instruction's own constant (a return address, a zeroing idiom's 0). */
        CONSTANT,
        /** The run's initial state: a register before the first instruction, or the initial memory image (facts: regionStart, offset). */
        INITIAL,
        /** A file or memory mapped during the run (facts: regionStart, offset, mappedAt). */
        MAPPED,
        /**
         * A system call (facts: number, result, arg0-arg5; for read-like calls also fd,
         * bufferOffset: the byte's offset in the call's buffer, streamOffset: its offset in the
         * input read from that fd, counted from the recorded results of the calls before it).
         */
        SYSCALL,
        /** A signal delivery: the kernel wrote the signal frame or set the handler's registers (facts: signo). */
        SIGNAL,
        /** The search stopped: a bound was hit, or something is not modelled; {@code label} says which. */
        LIMIT
    }

    /** DATA: the value flows from it; ADDRESS: it only formed the address of a memory operand ("address from"). */
    public enum Role { DATA, ADDRESS }

    public long fact(String name) {
        Long v = facts.get(name);
        if (v == null) throw new IllegalArgumentException(kind + " node " + id + " has no fact " + name + ": " + facts.keySet());
        return v;
    }
}
