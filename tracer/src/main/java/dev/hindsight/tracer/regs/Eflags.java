package dev.hindsight.tracer.regs;

import java.util.ArrayList;
import java.util.List;

/** The eflags bits a debugger shows, decoded the way gdb prints them ({@code [ ZF PF IF ]}). */
public enum Eflags {
    CF(0), PF(2), AF(4), ZF(6), SF(7), TF(8), IF(9), DF(10), OF(11);

    private final int bit;

    Eflags(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    public boolean isSet(long eflags) {
        return (eflags & (1L << bit)) != 0;
    }

    public static List<Eflags> decode(long eflags) {
        List<Eflags> set = new ArrayList<>();
        for (Eflags f : values()) if (f.isSet(eflags)) set.add(f);
        return set;
    }

    /** gdb's rendering, e.g. {@code [ PF ZF IF ]}. */
    public static String describe(long eflags) {
        StringBuilder sb = new StringBuilder("[ ");
        for (Eflags f : decode(eflags)) sb.append(f.name()).append(' ');
        return sb.append(']').toString();
    }
}
