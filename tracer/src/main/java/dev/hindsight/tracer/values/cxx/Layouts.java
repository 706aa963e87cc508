package dev.hindsight.tracer.values.cxx;

import dev.hindsight.tracer.values.types.Member;
import dev.hindsight.tracer.values.types.Type;

/** Sizes and alignments, including for libstdc++ types clang only declares. */
public final class Layouts {
    /** sizeof(std::__cxx11::basic_string<char>) in libstdc++'s x86-64 ABI. */
    static final int STRING_SIZE = 32;

    private Layouts() {}

    public static long sizeOf(Type t) {
        long s = t.size();
        if (s >= 0) return s;
        return StdContainers.isString(t) ? STRING_SIZE : 0;
    }

    static long alignOf(Type t) {
        Type s = t.strip();
        switch (s.kind()) {
            case ARRAY -> { return alignOf(s.target()); }
            case STRUCT, CLASS, UNION -> {
                if (StdContainers.isString(s) || s.declaration()) return 8;
                long a = 1;
                for (Member m : s.members()) a = Math.max(a, alignOf(m.type()));
                return a;
            }
            default -> {
                long size = Math.max(1, sizeOf(s));
                return Math.min(size >= 16 ? 16 : Long.highestOneBit(size), 16);
            }
        }
    }
}
