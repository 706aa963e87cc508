package dev.hindsight.mi.session;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** gdb's per-session thread numbers (1, 2, …, never reused) for the kernel's thread ids. */
final class ThreadNumbers {
    private final Map<Integer, Integer> byTid = new LinkedHashMap<>();
    private int next = 1;

    int add(int tid) {
        return byTid.computeIfAbsent(tid, t -> next++);
    }

    Optional<Integer> remove(int tid) {
        return Optional.ofNullable(byTid.remove(tid));
    }

    int number(int tid) {
        Integer n = byTid.get(tid);
        return n == null ? add(tid) : n;
    }

    Optional<Integer> tid(int number) {
        return byTid.entrySet().stream().filter(e -> e.getValue() == number).map(Map.Entry::getKey).findFirst();
    }

    Map<Integer, Integer> all() {
        return Map.copyOf(byTid);
    }

    /**
     * A new program (run again, attached) or a detached one: gdb 13 starts its thread list
     * afresh, numbering the next process's threads from 1 again.
     */
    void restart() {
        byTid.clear();
        next = 1;
    }
}
