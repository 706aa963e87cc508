package dev.hindsight.mi.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * An MI list: of values ({@code ["a","b"]}, {@code [{..},{..}]}) or of results
 * ({@code [frame={..},frame={..}]}); gdb uses both.
 */
public final class MiList {
    private final List<String> names = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();
    /** Written in braces: gdb's MI3 (and MI2) {@code script={"…"}}, a tuple of bare values, which MI4 writes as a list. */
    private boolean braces;

    /** Values in braces, as gdb up to MI3 writes a breakpoint's {@code script}. */
    public static MiList inBraces() {
        MiList l = new MiList();
        l.braces = true;
        return l;
    }

    public static MiList of() {
        return new MiList();
    }

    public static MiList ofStrings(Iterable<String> strings) {
        MiList l = new MiList();
        for (String s : strings) l.value(s);
        return l;
    }

    /** A plain value: a String, an MiTuple or an MiList. */
    public MiList value(Object v) {
        names.add(null);
        values.add(v);
        return this;
    }

    /** A named result, as in {@code stack=[frame={...}]}. */
    public MiList result(String name, Object v) {
        names.add(name);
        values.add(v);
        return this;
    }

    public int size() {
        return values.size();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(braces ? "{" : "[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) b.append(',');
            if (names.get(i) != null) b.append(names.get(i)).append('=');
            b.append(MiTuple.render(values.get(i)));
        }
        return b.append(braces ? '}' : ']').toString();
    }
}
