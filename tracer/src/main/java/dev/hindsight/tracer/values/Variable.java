package dev.hindsight.tracer.values;

import java.util.List;
import java.util.OptionalLong;

/**
 * A named, typed value of the stopped program: a variable, a child of one (member, element,
 * pointee) or an expression's result. Valid until the program resumes; reading it afterwards
 * gives what memory holds then.
 */
public interface Variable {
    /** {@code x}, {@code [3]}, {@code base}, {@code *p}; the expression text for evaluations. */
    String name();

    /** The type as gdb names it: {@code int}, {@code char *}, {@code struct point}, {@code std::vector<int>}. */
    String type();

    /** The value as gdb prints it: {@code 65 'A'}, {@code 0x4011a0 <f>}, {@code {x = 1, y = 2}}, {@code <optimized out>}. */
    default String value() {
        return value(ValueFormat.NATURAL);
    }

    String value(ValueFormat format);

    /** Where the value lives in memory, if it does (not for registers or computed values). */
    OptionalLong address();

    /** Aggregates, non-null pointers to expandable data, and containers have children. */
    boolean hasChildren();

    /** How many children there are (elements of an array or container, members of a struct). */
    int childCount();

    /** Whether the children are numbered elements (arrays, containers) rather than named members. */
    boolean indexedChildren();

    /** Children {@code start} .. {@code start+count-1} (clipped to {@link #childCount()}). */
    List<Variable> children(int start, int count);

    default List<Variable> children() {
        return children(0, childCount());
    }

    /**
     * A C expression that {@link dev.hindsight.tracer.inspect.Frames#evaluate} turns back into this
     * variable ({@code tri.corners[1].x}, {@code pp->x}, {@code *ip}, {@code words[2]}), for a
     * front end's watch or "copy as expression"; empty when there is none (map entries, base classes).
     */
    default java.util.Optional<String> expression() {
        return java.util.Optional.empty();
    }

    /** Scalars (integers, floats, pointers, enums, bools, chars) in memory or a register can be written. */
    boolean isWritable();
}
