package dev.hindsight.tracer.values.types;

import java.util.List;

/**
 * A C/C++ type as the debug information describes it. One mutable class for every kind, because
 * types refer to themselves ({@code struct node *next}): a reader registers a type before filling
 * its parts in. After reading, treat it as immutable.
 */
public final class Type {
    /** The kind of type; qualifiers and typedefs are kinds of their own wrapping {@link #target()}. */
    public enum Kind { VOID, BASE, POINTER, REFERENCE, RVALUE_REFERENCE, ARRAY, STRUCT, CLASS, UNION, ENUM, TYPEDEF,
        CONST, VOLATILE, FUNCTION, UNKNOWN }

    /** How a base type's bits are read (DW_ATE_*). */
    public enum Encoding { SIGNED, UNSIGNED, SIGNED_CHAR, UNSIGNED_CHAR, BOOLEAN, FLOAT, OTHER, FLAGS }

    final Kind kind;
    String name;
    long size = -1;
    Type target;
    Encoding encoding = Encoding.OTHER;
    long count = -1;
    List<Member> members = List.of();
    List<Enumerator> enumerators = List.of();
    List<Type> parameters = List.of();
    List<Type> templateArguments = List.of();
    boolean varargs;
    boolean prototyped = true;
    boolean declaration;
    boolean cplus;

    public Type(Kind kind) {
        this.kind = kind;
    }

    /** A base type built without debug information (for literals, registers and casts). */
    public static Type base(String name, long size, Encoding encoding) {
        Type t = new Type(Kind.BASE);
        t.name = name;
        t.size = size;
        t.encoding = encoding;
        return t;
    }

    /** An enumeration built without debug information. */
    public static Type enumeration(String name, long size, boolean signed, List<Enumerator> values) {
        Type t = new Type(Kind.ENUM);
        t.name = name;
        t.size = size;
        t.encoding = signed ? Encoding.SIGNED : Encoding.UNSIGNED;
        t.enumerators = List.copyOf(values);
        return t;
    }

    public static Type pointerTo(Type target) {
        Type t = new Type(Kind.POINTER);
        t.target = target;
        t.size = 8;
        t.cplus = target.cplus;
        return t;
    }

    public static Type arrayOf(Type element, long count) {
        Type t = new Type(Kind.ARRAY);
        t.target = element;
        t.count = count;
        t.cplus = element.cplus;
        return t;
    }

    /** A union built without debug information (a vector register's lane views). */
    public static Type union(String name, List<Member> members, long size) {
        Type t = new Type(Kind.UNION);
        t.name = name;
        t.size = size;
        t.members = List.copyOf(members);
        return t;
    }

    public static Type voidType() {
        Type t = new Type(Kind.VOID);
        t.name = "void";
        t.size = 1;
        return t;
    }

    /** A function type {@code ret (params...)}; unprototyped ones print as {@code ret ()}. */
    public static Type function(Type returns, List<Type> parameters, boolean varargs, boolean prototyped) {
        Type t = function(returns, parameters, varargs);
        t.prototyped = prototyped;
        return t;
    }

    /** A function type {@code ret (params...)}. */
    public static Type function(Type returns, List<Type> parameters, boolean varargs) {
        Type t = new Type(Kind.FUNCTION);
        t.target = returns;
        t.parameters = List.copyOf(parameters);
        t.varargs = varargs;
        t.size = 1;
        return t;
    }

    /** The same type wrapped in a qualifier or a typedef. */
    public static Type wrap(Kind kind, Type target, String name) {
        Type t = new Type(kind);
        t.target = target;
        t.name = name;
        t.cplus = target.cplus;
        return t;
    }

    public Kind kind() { return kind; }

    /** The declared name (a struct's tag, a typedef's name), qualified in C++; null for unnamed types. */
    public String name() { return name; }

    /** The pointed-to, element, aliased, qualified or returned type. */
    public Type target() { return target; }

    public Encoding encoding() { return encoding; }

    /** Array element count (-1: unknown bound). */
    public long count() { return count; }

    public List<Member> members() { return members; }

    public List<Enumerator> enumerators() { return enumerators; }

    public List<Type> parameters() { return parameters; }

    public boolean varargs() { return varargs; }

    /** A class template instance's type arguments ({@code int} of {@code std::vector<int>}). */
    public List<Type> templateArguments() { return templateArguments; }

    public boolean prototyped() { return prototyped; }

    /** Only declared here (a complete definition may exist elsewhere). */
    public boolean declaration() { return declaration; }

    /** From a C++ unit: aggregates are named without the {@code struct} keyword. */
    public boolean cplus() { return cplus; }

    /** Size in bytes (arrays: element size times count); -1 when unknown. */
    public long size() {
        return switch (kind) {
            case TYPEDEF, CONST, VOLATILE -> target.size();
            case ARRAY -> count < 0 ? 0 : target.size() * count;
            default -> size;
        };
    }

    /** Without typedefs and qualifiers: the type that decides how a value is read. */
    public Type strip() {
        Type t = this;
        for (int i = 0; i < 64 && (t.kind == Kind.TYPEDEF || t.kind == Kind.CONST || t.kind == Kind.VOLATILE)
                && t.target != null; i++) {
            t = t.target;
        }
        return t;
    }

    public boolean is(Kind k) {
        return strip().kind == k;
    }

    public boolean isAggregate() {
        Kind k = strip().kind;
        return k == Kind.STRUCT || k == Kind.CLASS || k == Kind.UNION;
    }

    public boolean isPointerLike() {
        Kind k = strip().kind;
        return k == Kind.POINTER;
    }

    public boolean isReference() {
        Kind k = strip().kind;
        return k == Kind.REFERENCE || k == Kind.RVALUE_REFERENCE;
    }

    /** Integers, chars, bools and enums. */
    public boolean isIntegral() {
        Type t = strip();
        return t.kind == Kind.ENUM || t.kind == Kind.BASE && t.encoding != Encoding.FLOAT && t.encoding != Encoding.OTHER;
    }

    public boolean isFloat() {
        Type t = strip();
        return t.kind == Kind.BASE && t.encoding == Encoding.FLOAT;
    }

    public boolean isScalar() {
        return isIntegral() || isFloat() || isPointerLike();
    }

    /** Signed integers and enums with a negative enumerator or signed underlying type. */
    public boolean isSigned() {
        Type t = strip();
        if (t.kind == Kind.ENUM) return t.encoding == Encoding.SIGNED;
        return t.encoding == Encoding.SIGNED || t.encoding == Encoding.SIGNED_CHAR;
    }

    /** One-byte character types, which print as {@code 65 'A'} and make arrays and pointers strings. */
    public boolean isChar() {
        Type t = strip();
        return t.kind == Kind.BASE && t.size == 1 && (t.encoding == Encoding.SIGNED_CHAR || t.encoding == Encoding.UNSIGNED_CHAR);
    }

    /**
     * How gdb's print quotes this type's values as characters: {@code ""} for char, {@code L} for
     * wchar_t, {@code u} for char16_t, {@code U} for char32_t (recognised by name through typedefs,
     * as C declares them as typedefs of integers); null for a type that is not a character.
     */
    public String characterPrefix() {
        if (isChar()) return "";
        long width = strip().size;
        Type t = this;
        for (int i = 0; i < 64 && t != null; i++) {
            if (t.kind == Kind.TYPEDEF || t.kind == Kind.BASE) {
                String wide = t.name == null ? null : switch (t.name) {
                    case "wchar_t" -> width == 4 ? "L" : null;
                    case "char16_t" -> width == 2 ? "u" : null;
                    case "char32_t" -> width == 4 ? "U" : null;
                    default -> null;
                };
                if (wide != null) return wide;
            }
            if (t.kind != Kind.TYPEDEF && t.kind != Kind.CONST && t.kind != Kind.VOLATILE) break;
            t = t.target;
        }
        return null;
    }

    @Override
    public String toString() {
        return TypeNames.of(this);
    }
}
