package dev.hindsight.tracer.values.types;

import java.util.ArrayList;
import java.util.List;

/**
 * Type names as gdb writes them: {@code char *}, {@code int [2][3]}, {@code int (*)(int)},
 * {@code const char *}, {@code struct point}, {@code geo::Box<int>}. Built C-declarator style:
 * the name wraps around a declarator that grows from the inside out.
 */
public final class TypeNames {
    private TypeNames() {}

    public static String of(Type type) {
        return declare(type, "");
    }

    private static String declare(Type t, String decl) {
        if (t == null) return join("void", decl);
        switch (t.kind) {
            case POINTER, REFERENCE, RVALUE_REFERENCE -> {
                String sigil = t.kind == Type.Kind.POINTER ? "*" : t.kind == Type.Kind.REFERENCE ? "&" : "&&";
                Type target = t.target;
                boolean wrap = target != null && (target.kind == Type.Kind.FUNCTION || target.kind == Type.Kind.ARRAY);
                return declare(target, wrap ? "(" + sigil + decl + ")" : sigil + decl);
            }
            case CONST, VOLATILE -> {
                String q = t.kind == Type.Kind.CONST ? "const" : "volatile";
                if (t.target != null && t.target.kind == Type.Kind.POINTER) {
                    return declare(t.target.target, "* " + q + (decl.isEmpty() ? "" : " " + decl));
                }
                return q + " " + declare(t.target, decl);
            }
            case ARRAY -> {
                String d = decl.startsWith("*") || decl.startsWith("&") ? "(" + decl + ")" : decl;
                return declare(t.target, d + "[" + (t.count >= 0 ? Long.toString(t.count) : "") + "]");
            }
            case FUNCTION -> {
                return declare(t.target, decl + "(" + parameters(t) + ")");
            }
            default -> {
                return join(baseName(t), decl);
            }
        }
    }

    private static String parameters(Type f) {
        List<String> ps = new ArrayList<>();
        for (Type p : f.parameters) ps.add(of(p));
        if (f.varargs) ps.add("...");
        if (ps.isEmpty()) return f.prototyped ? "void" : "";
        return String.join(", ", ps);
    }

    /** The name of a named (non-declarator) type, with {@code struct}/{@code union}/{@code enum} in C. */
    static String baseName(Type t) {
        String keyword = switch (t.kind) {
            case STRUCT -> "struct";
            case CLASS -> "class";
            case UNION -> "union";
            case ENUM -> "enum";
            default -> null;
        };
        if (keyword == null) return t.name != null ? (t.cplus ? StdTypeNames.simplify(t.name) : t.name) : "<unknown type>";
        if (t.name == null) return keyword + " {...}";
        return t.cplus ? StdTypeNames.simplify(t.name) : keyword + " " + t.name;
    }

    private static String join(String base, String decl) {
        if (decl.isEmpty()) return base;
        return base + " " + decl;
    }
}
