package dev.hindsight.tracer.breakpoints;

import dev.hindsight.tracer.backend.Backend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Logical breakpoints and the physical int3s behind them. Several logical breakpoints (and the
 * engine's own temporary ones, for stepping) may share an address: the int3 stays while anyone
 * wants it.
 */
public final class BreakpointTable {
    private final Backend backend;
    private final Map<Integer, Breakpoint> logical = new LinkedHashMap<>();
    private final Map<Long, Integer> users = new HashMap<>();
    private final Map<Integer, Integer> watchSlots = new HashMap<>();
    private int nextId = 1;

    public BreakpointTable(Backend backend) {
        this.backend = backend;
    }

    public synchronized Breakpoint add(String location, List<Long> addresses) {
        List<Long> planted = new ArrayList<>();
        try {
            for (long a : addresses) {
                acquire(a);
                planted.add(a);
            }
        } catch (RuntimeException e) {
            planted.forEach(this::release);
            throw e;
        }
        Breakpoint bp = new Breakpoint(nextId++, location, addresses, 0, Breakpoint.Kind.CODE);
        logical.put(bp.id(), bp);
        return bp;
    }

    /** Gives an unresolved breakpoint its addresses (a library it names was loaded); empty if it is gone. */
    public synchronized Optional<Breakpoint> resolve(int id, String location, List<Long> addresses) {
        Breakpoint old = logical.get(id);
        if (old == null || old.verified()) return Optional.empty();
        for (long a : addresses) acquire(a);
        Breakpoint bp = new Breakpoint(id, location, addresses, old.hitCount(), old.kind());
        logical.put(id, bp);
        return Optional.of(bp);
    }

    /** A data breakpoint in a free hardware slot; the slot is remembered for removal. */
    public synchronized Breakpoint addWatch(String location, long address, int length, WatchKind kind) {
        int slot = -1;
        for (int i = 0; i < backend.watchpointSlots(); i++) if (!watchSlots.containsValue(i)) { slot = i; break; }
        if (slot < 0) {
            throw new IllegalStateException("all " + backend.watchpointSlots() + " hardware watchpoints are in use");
        }
        backend.setWatchpoint(slot, address, length, kind);
        Breakpoint bp = new Breakpoint(nextId++, location, List.of(address), 0, Breakpoint.Kind.DATA);
        logical.put(bp.id(), bp);
        watchSlots.put(bp.id(), slot);
        return bp;
    }

    public synchronized Optional<Breakpoint> remove(int id) {
        Breakpoint bp = logical.remove(id);
        if (bp == null) return Optional.empty();
        Integer slot = watchSlots.remove(id);
        if (slot != null) {
            if (!backend.exited()) backend.clearWatchpoint(slot);
        } else {
            for (long a : bp.addresses()) release(a);
        }
        return Optional.of(bp);
    }

    public synchronized List<Breakpoint> all() {
        return new ArrayList<>(logical.values());
    }

    public synchronized Optional<Breakpoint> get(int id) {
        return Optional.ofNullable(logical.get(id));
    }

    /** Logical breakpoints of {@code kind} at these addresses, counted as hit. */
    public synchronized List<Integer> hitAt(List<Long> addresses, Breakpoint.Kind kind) {
        List<Integer> ids = new ArrayList<>();
        for (Breakpoint bp : new ArrayList<>(logical.values())) {
            if (bp.kind() == kind && bp.addresses().stream().anyMatch(addresses::contains)) {
                logical.put(bp.id(), bp.hit());
                ids.add(bp.id());
            }
        }
        return ids;
    }

    /** Code breakpoints the user set at {@code address} (not the engine's temporary ones). */
    public synchronized List<Breakpoint> userBreakpointsAt(long address) {
        return logical.values().stream().filter(b -> b.kind() == Breakpoint.Kind.CODE && b.addresses().contains(address)).toList();
    }

    /** Plants (or shares) the int3 at {@code address}. */
    public synchronized void acquire(long address) {
        int n = users.getOrDefault(address, 0);
        if (n == 0) backend.insertBreakpoint(address);
        users.put(address, n + 1);
    }

    public synchronized void release(long address) {
        Integer n = users.get(address);
        if (n == null) return;
        if (n == 1) {
            users.remove(address);
            if (!backend.exited()) backend.removeBreakpoint(address);
        } else {
            users.put(address, n - 1);
        }
    }
}
