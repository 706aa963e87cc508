package dev.hindsight.mi.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * An ordered list of MI results ({@code name=value}), rendered as gdb writes them: as a record's
 * results ({@code a="1",b={...}}), a tuple ({@code {a="1"}}) or a result list ({@code [a="1",a="2"]}).
 * Values are strings (written as C strings), nested tuples, or value lists.
 */
public final class MiTuple {
    private final List<String> names = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    public static MiTuple of() {
        return new MiTuple();
    }

    /** Adds a result; {@code value} is a String, a number (written as a string), an MiTuple or a {@link MiList}. */
    public MiTuple add(String name, Object value) {
        names.add(name);
        values.add(value instanceof Number n ? n.toString() : value);
        return this;
    }

    /** Adds a result only when {@code value} is non-null. */
    public MiTuple addIf(String name, Object value) {
        return value == null ? this : add(name, value);
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    /** The results separated by commas, without braces. */
    public String results() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) b.append(',');
            String n = names.get(i);
            if (n != null) b.append(n).append('=');
            b.append(render(values.get(i)));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "{" + results() + "}";
    }

    static String render(Object v) {
        if (v instanceof MiTuple t) return t.toString();
        if (v instanceof MiList l) return l.toString();
        return CString.quote(String.valueOf(v));
    }
}
