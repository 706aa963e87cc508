package dev.hindsight.tracer.values.expr;

import dev.hindsight.tracer.values.EvaluationException;
import dev.hindsight.tracer.values.types.Type;
import dev.hindsight.tracer.values.types.Type.Encoding;
import java.util.List;

/** The C types an expression can name without debug information, and literal and result types. */
final class Builtins {
    static final Type INT = Type.base("int", 4, Encoding.SIGNED);
    static final Type UNSIGNED_INT = Type.base("unsigned int", 4, Encoding.UNSIGNED);
    static final Type LONG = Type.base("long", 8, Encoding.SIGNED);
    static final Type UNSIGNED_LONG = Type.base("unsigned long", 8, Encoding.UNSIGNED);
    static final Type LONG_LONG = Type.base("long long", 8, Encoding.SIGNED);
    static final Type UNSIGNED_LONG_LONG = Type.base("unsigned long long", 8, Encoding.UNSIGNED);
    static final Type SHORT = Type.base("short", 2, Encoding.SIGNED);
    static final Type UNSIGNED_SHORT = Type.base("unsigned short", 2, Encoding.UNSIGNED);
    static final Type CHAR = Type.base("char", 1, Encoding.SIGNED_CHAR);
    static final Type SIGNED_CHAR = Type.base("signed char", 1, Encoding.SIGNED_CHAR);
    static final Type UNSIGNED_CHAR = Type.base("unsigned char", 1, Encoding.UNSIGNED_CHAR);
    static final Type FLOAT = Type.base("float", 4, Encoding.FLOAT);
    static final Type DOUBLE = Type.base("double", 8, Encoding.FLOAT);
    static final Type LONG_DOUBLE = Type.base("long double", 16, Encoding.FLOAT);
    static final Type BOOL = Type.base("bool", 1, Encoding.BOOLEAN);
    static final Type C_BOOL = Type.base("_Bool", 1, Encoding.BOOLEAN);
    static final Type INT64 = Type.base("int64_t", 8, Encoding.SIGNED);
    static final Type INT32 = Type.base("int32_t", 4, Encoding.SIGNED);
    static final Type INT16 = Type.base("int16_t", 2, Encoding.SIGNED);
    static final Type INT8 = Type.base("int8_t", 1, Encoding.SIGNED);
    static final Type WCHAR = Type.base("wchar_t", 4, Encoding.SIGNED);
    static final Type CHAR16 = Type.base("char16_t", 2, Encoding.UNSIGNED);
    static final Type CHAR32 = Type.base("char32_t", 4, Encoding.UNSIGNED);
    static final Type UINT128 = Type.base("uint128_t", 16, Encoding.UNSIGNED);
    static final Type VOID = Type.voidType();
    static final Type DATA_POINTER = Type.pointerTo(VOID);
    static final Type CODE_POINTER = Type.pointerTo(Type.function(VOID, List.of(), false, false));

    private Builtins() {}

    /** gdb's type of an architecture's flags register ({@code i386_eflags}, {@code cpsr_flags}). */
    static Type flags(dev.hindsight.tracer.arch.Architecture arch) {
        return Type.base(arch.flagsType(), 4, Encoding.FLAGS);
    }

    /** The type of a register view as gdb gives it. */
    static Type of(dev.hindsight.tracer.arch.RegisterView view, dev.hindsight.tracer.arch.Architecture arch) {
        return switch (view.kind()) {
            case INTEGER -> view.size() == 8 ? INT64 : view.size() == 4 ? INT32 : view.size() == 2 ? INT16 : INT8;
            case DATA_POINTER -> DATA_POINTER;
            case CODE_POINTER -> CODE_POINTER;
            case FLAGS -> flags(arch);
            case STATUS -> view.flags() == null ? INT : Type.base(view.flags().name(), 4, Encoding.FLAGS);
            case FLOAT -> view.size() == 4 ? FLOAT : DOUBLE;
            case VECTOR -> view.union() == null ? UINT128 : VectorTypes.of(view.union());
        };
    }

    /** A base type from specifier words ({@code unsigned long int}); null when the words are no base type. */
    static Type fromWords(List<String> words, boolean cplus) {
        int unsigned = 0, signed = 0, longs = 0, shorts = 0, chars = 0, ints = 0, floats = 0, doubles = 0, bools = 0, voids = 0;
        for (String w : words) {
            switch (w) {
                case "unsigned" -> unsigned++;
                case "signed" -> signed++;
                case "long" -> longs++;
                case "short" -> shorts++;
                case "char" -> chars++;
                case "int" -> ints++;
                case "float" -> floats++;
                case "double" -> doubles++;
                case "_Bool", "bool" -> bools++;
                case "void" -> voids++;
                case "const", "volatile" -> { }
                default -> { return null; }
            }
        }
        if (voids > 0) return VOID;
        if (bools > 0) return cplus ? BOOL : C_BOOL;
        if (floats > 0) return FLOAT;
        if (doubles > 0) return longs > 0 ? LONG_DOUBLE : DOUBLE;
        if (chars > 0) return unsigned > 0 ? UNSIGNED_CHAR : signed > 0 ? SIGNED_CHAR : CHAR;
        if (shorts > 0) return unsigned > 0 ? UNSIGNED_SHORT : SHORT;
        if (longs >= 2) return unsigned > 0 ? UNSIGNED_LONG_LONG : LONG_LONG;
        if (longs == 1) return unsigned > 0 ? UNSIGNED_LONG : LONG;
        if (ints > 0 || unsigned > 0 || signed > 0) return unsigned > 0 ? UNSIGNED_INT : INT;
        throw new EvaluationException("A syntax error in expression, near `'.");
    }
}
