package dev.hindsight.tracer.breakpoints;

import java.util.List;

/**
 * A logical breakpoint: what the user asked for, mapped to zero or more physical addresses.
 *
 * @param id        stable id, unique in the session
 * @param location  what was asked, for display ({@code *0x401126}, {@code main}, {@code hello.c:12})
 * @param addresses where int3s are planted; empty when unresolved (then not verified)
 * @param hitCount  times it has been hit
 * @param kind      an int3 on code, or a hardware watchpoint on data
 */
public record Breakpoint(int id, String location, List<Long> addresses, long hitCount, Kind kind) {
    /** Code breakpoints stop before an instruction; data breakpoints after an access. */
    public enum Kind { CODE, DATA }

    public Breakpoint {
        addresses = List.copyOf(addresses);
    }

    public boolean verified() {
        return !addresses.isEmpty();
    }

    Breakpoint hit() {
        return new Breakpoint(id, location, addresses, hitCount + 1, kind);
    }
}
