package dev.hindsight.tracer.values;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A recursive-descent reader of the Itanium C++ mangling grammar, for the symbols gdb shows in
 * {@code <…>}: names (nested, std, templates, operators, constructors, ABI tags), parameter lists
 * without the return type, vtables and typeinfo. Returns null for anything outside that subset
 * (function types, arrays, lambdas, local names…), so the caller keeps the mangled name rather
 * than showing a wrong one.
 */
final class Itanium {
    private static final Map<String, String> OPERATORS = Map.ofEntries(
            Map.entry("nw", "new"), Map.entry("na", "new[]"), Map.entry("dl", "delete"), Map.entry("da", "delete[]"),
            Map.entry("ps", "+"), Map.entry("ng", "-"), Map.entry("ad", "&"), Map.entry("de", "*"), Map.entry("co", "~"),
            Map.entry("pl", "+"), Map.entry("mi", "-"), Map.entry("ml", "*"), Map.entry("dv", "/"), Map.entry("rm", "%"),
            Map.entry("an", "&"), Map.entry("or", "|"), Map.entry("eo", "^"), Map.entry("aS", "="), Map.entry("pL", "+="),
            Map.entry("mI", "-="), Map.entry("mL", "*="), Map.entry("dV", "/="), Map.entry("rM", "%="), Map.entry("aN", "&="),
            Map.entry("oR", "|="), Map.entry("eO", "^="), Map.entry("ls", "<<"), Map.entry("rs", ">>"), Map.entry("lS", "<<="),
            Map.entry("rS", ">>="), Map.entry("eq", "=="), Map.entry("ne", "!="), Map.entry("lt", "<"), Map.entry("gt", ">"),
            Map.entry("le", "<="), Map.entry("ge", ">="), Map.entry("ss", "<=>"), Map.entry("nt", "!"), Map.entry("aa", "&&"),
            Map.entry("oo", "||"), Map.entry("pp", "++"), Map.entry("mm", "--"), Map.entry("cm", ","), Map.entry("pm", "->*"),
            Map.entry("pt", "->"), Map.entry("cl", "()"), Map.entry("ix", "[]"), Map.entry("qu", "?"));
    private static final Map<Character, String> BUILTINS = Map.ofEntries(
            Map.entry('v', "void"), Map.entry('b', "bool"), Map.entry('c', "char"), Map.entry('a', "signed char"),
            Map.entry('h', "unsigned char"), Map.entry('s', "short"), Map.entry('t', "unsigned short"), Map.entry('i', "int"),
            Map.entry('j', "unsigned int"), Map.entry('l', "long"), Map.entry('m', "unsigned long"), Map.entry('x', "long long"),
            Map.entry('y', "unsigned long long"), Map.entry('n', "__int128"), Map.entry('o', "unsigned __int128"),
            Map.entry('f', "float"), Map.entry('d', "double"), Map.entry('e', "long double"), Map.entry('g', "__float128"),
            Map.entry('w', "wchar_t"), Map.entry('z', "..."));

    /** Signals input outside the supported subset. */
    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private final String s;
    private int p;
    private final List<String> subs = new ArrayList<>();
    private List<String> functionTemplateArgs = List.of();
    private int nameDepth;
    private boolean inEntityName;
    private final List<String> methodQualifiers = new ArrayList<>();
    private String refQualifier = "";
    private boolean endsWithTemplateArgs;
    private boolean ctorDtorOrConversion;

    Itanium(String symbol) {
        this.s = symbol;
    }

    String demangle() {
        try {
            p = 2;
            String out = encoding();
            return p == s.length() || s.charAt(p) == '.' ? out : null;
        } catch (Unsupported | IndexOutOfBoundsException | NumberFormatException e) {
            return null;
        }
    }

    private String encoding() {
        if (s.startsWith("TV", p)) return special("vtable for ");
        if (s.startsWith("TI", p)) return special("typeinfo for ");
        if (s.startsWith("TS", p)) return special("typeinfo name for ");
        if (s.startsWith("GV", p)) {
            p += 2;
            return "guard variable for " + name();
        }
        if (peek() == 'T' || peek() == 'G' || peek() == 'Z') throw new Unsupported();
        inEntityName = true;
        String name = name();
        inEntityName = false;
        if (p >= s.length() || peek() == '.') return name;
        if (endsWithTemplateArgs && !ctorDtorOrConversion) type(); // a template's return type: gdb leaves it out
        List<String> params = new ArrayList<>();
        while (p < s.length() && peek() != '.') params.add(type());
        if (params.size() == 1 && params.get(0).equals("void")) params.clear();
        // Mangled in the order restrict, volatile, const; written const volatile restrict.
        List<String> quals = new ArrayList<>(methodQualifiers);
        java.util.Collections.reverse(quals);
        return name + "(" + String.join(", ", params) + ")" + (quals.isEmpty() ? "" : " " + String.join(" ", quals)) + refQualifier;
    }

    private String special(String prefix) {
        p += 2;
        return prefix + type();
    }

    private char peek() {
        return p < s.length() ? s.charAt(p) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) throw new Unsupported();
        p++;
    }

    /** A name as the entity's name (depth 0) or inside a type. */
    private String name() {
        if (!inEntityName) {
            // A name inside a type: its template arguments and structure are not the entity's.
            int saved = nameDepth;
            nameDepth = 1000;
            try {
                return nameInside();
            } finally {
                nameDepth = saved;
            }
        }
        return nameInside();
    }

    private String nameInside() {
        nameDepth++;
        try {
            if (peek() == 'N') return nested();
            if (peek() == 'Z') throw new Unsupported();
            String n;
            if (peek() == 'S' && p + 1 < s.length() && s.charAt(p + 1) == 't') {
                p += 2;
                n = "std::" + unqualified(null);
            } else if (peek() == 'S') {
                n = substitution();
                if (peek() != 'I') throw new Unsupported(); // a substitution alone is a type, not a name
                if (nameDepth == 1) endsWithTemplateArgs = true;
                return n + templateArgs(nameDepth == 1);
            } else {
                n = unqualified(null);
            }
            if (peek() == 'I') {
                subs.add(n); // an unscoped template name is a candidate
                if (nameDepth == 1) endsWithTemplateArgs = true;
                return n + (n.endsWith("<") ? " " : "") + templateArgs(nameDepth == 1);
            }
            if (nameDepth == 1) endsWithTemplateArgs = false;
            return n;
        } finally {
            nameDepth--;
        }
    }

    private String nested() {
        expect('N');
        boolean top = nameDepth == 1;
        while (peek() == 'K' || peek() == 'V' || peek() == 'r') {
            if (top) methodQualifiers.add(peek() == 'K' ? "const" : peek() == 'V' ? "volatile" : "restrict");
            p++;
        }
        if (peek() == 'R' || peek() == 'O') {
            if (top) refQualifier = peek() == 'R' ? " &" : " &&";
            p++;
        }
        String prefix = null;
        boolean fromSubstitution = false;
        while (peek() != 'E') {
            if (p >= s.length()) throw new Unsupported();
            // What we have so far is a prefix of more to come: a candidate, unless it is itself a substitution.
            if (prefix != null && !fromSubstitution) subs.add(prefix);
            fromSubstitution = false;
            if (peek() == 'S') {
                if (prefix != null) throw new Unsupported();
                if (p + 1 < s.length() && s.charAt(p + 1) == 't') {
                    p += 2;
                    prefix = "std::" + unqualified(null);
                } else {
                    prefix = substitution();
                    fromSubstitution = true;
                    if (peek() == 'E') throw new Unsupported();
                }
            } else if (peek() == 'I') {
                if (prefix == null) throw new Unsupported();
                prefix = prefix + (prefix.endsWith("<") ? " " : "") + templateArgs(top);
                if (top && peek() == 'E') endsWithTemplateArgs = true;
                continue;
            } else if (peek() == 'T') {
                if (prefix != null) throw new Unsupported();
                prefix = templateParam();
            } else {
                prefix = prefix == null ? unqualified(null) : prefix + "::" + unqualified(prefix);
            }
            if (top) endsWithTemplateArgs = false;
        }
        p++;
        return prefix;
    }

    private String unqualified(String scope) {
        char c = peek();
        String n;
        if (Character.isDigit(c)) {
            n = sourceName();
        } else if (c == 'C' || c == 'D' && p + 1 < s.length() && Character.isDigit(s.charAt(p + 1))) {
            if (scope == null) throw new Unsupported();
            p += c == 'C' && s.charAt(p + 1) == 'I' ? 3 : 2;
            String last = lastComponent(scope);
            n = c == 'D' ? "~" + last : last;
            if (nameDepth == 1) ctorDtorOrConversion = true;
        } else if (s.startsWith("cv", p)) {
            p += 2;
            n = "operator " + type();
            if (nameDepth == 1) ctorDtorOrConversion = true;
        } else if (p + 1 < s.length() && OPERATORS.containsKey(s.substring(p, p + 2))) {
            String op = OPERATORS.get(s.substring(p, p + 2));
            p += 2;
            n = "operator" + (Character.isLetter(op.charAt(0)) ? " " : "") + op;
        } else {
            throw new Unsupported();
        }
        while (peek() == 'B') {
            p++;
            n = n + "[abi:" + sourceName() + "]";
        }
        return n;
    }

    /** The last {@code ::} component of a scope, without its template arguments. */
    private static String lastComponent(String scope) {
        int depth = 0, start = 0;
        for (int i = 0; i < scope.length(); i++) {
            char c = scope.charAt(i);
            if (c == '<') depth++;
            else if (c == '>') depth--;
            else if (c == ':' && depth == 0 && i + 1 < scope.length() && scope.charAt(i + 1) == ':') start = i + 2;
        }
        String last = scope.substring(start);
        int lt = last.indexOf('<');
        last = lt < 0 ? last : last.substring(0, lt);
        int tag = last.indexOf("[abi:");
        return tag < 0 ? last : last.substring(0, tag);
    }

    private String sourceName() {
        int start = p;
        while (Character.isDigit(peek())) p++;
        if (start == p) throw new Unsupported();
        int len = Integer.parseInt(s.substring(start, p));
        if (len <= 0 || p + len > s.length()) throw new Unsupported();
        String n = s.substring(p, p + len);
        p += len;
        return n.startsWith("_GLOBAL__N") ? "(anonymous namespace)" : n;
    }

    private String templateArgs(boolean ofTheEntity) {
        expect('I');
        List<String> args = new ArrayList<>();
        while (peek() != 'E') {
            if (p >= s.length()) throw new Unsupported();
            if (peek() == 'L') {
                p++;
                String t = type();
                int start = p;
                while (peek() != 'E') {
                    if (p >= s.length()) throw new Unsupported();
                    p++;
                }
                String v = s.substring(start, p);
                p++;
                if (v.startsWith("n")) v = "-" + v.substring(1);
                String suffix = switch (t) {
                    case "int" -> "";
                    case "unsigned int" -> "u";
                    case "long" -> "l";
                    case "unsigned long" -> "ul";
                    case "long long" -> "ll";
                    case "unsigned long long" -> "ull";
                    default -> null;
                };
                if (t.equals("bool")) args.add(v.equals("0") ? "false" : "true");
                else if (suffix != null) args.add(v + suffix);
                else args.add("(" + t + ")" + v);
            } else if (peek() == 'J' || peek() == 'X') {
                throw new Unsupported();
            } else {
                args.add(type());
            }
        }
        p++;
        if (ofTheEntity) functionTemplateArgs = args;
        String joined = String.join(", ", args);
        return "<" + joined + (joined.endsWith(">") ? " >" : ">");
    }

    private String substitution() {
        expect('S');
        char c = peek();
        String fixed = switch (c) {
            case 'a' -> "std::allocator";
            case 'b' -> "std::basic_string";
            case 's' -> "std::basic_string<char, std::char_traits<char>, std::allocator<char> >";
            case 'i' -> "std::basic_istream<char, std::char_traits<char> >";
            case 'o' -> "std::basic_ostream<char, std::char_traits<char> >";
            case 'd' -> "std::basic_iostream<char, std::char_traits<char> >";
            default -> null;
        };
        if (fixed != null) {
            p++;
            return fixed;
        }
        int start = p;
        while (peek() != '_') {
            if (p >= s.length() || !Character.isLetterOrDigit(peek())) throw new Unsupported();
            p++;
        }
        String seq = s.substring(start, p);
        p++;
        int index = seq.isEmpty() ? 0 : Integer.parseInt(seq, 36) + 1;
        if (index >= subs.size()) throw new Unsupported();
        return subs.get(index);
    }

    private String templateParam() {
        expect('T');
        int start = p;
        while (peek() != '_') {
            if (p >= s.length()) throw new Unsupported();
            p++;
        }
        int index = start == p ? 0 : Integer.parseInt(s.substring(start, p), 36) + 1;
        p++;
        if (index >= functionTemplateArgs.size()) throw new Unsupported();
        return functionTemplateArgs.get(index);
    }

    /** Reference collapsing, as in C++: {@code T& &&} is {@code T&}, {@code T&& &} is {@code T&}. */
    private static String collapse(String inner, String ref) {
        if (inner.endsWith("&&")) return ref.equals("&") ? inner.substring(0, inner.length() - 1) : inner;
        if (inner.endsWith("&")) return inner;
        return inner + ref;
    }

    private String type() {
        boolean saved = inEntityName;
        inEntityName = false;
        try {
            return typeInside();
        } finally {
            inEntityName = saved;
        }
    }

    private String typeInside() {
        char c = peek();
        String builtin = BUILTINS.get(c);
        if (builtin != null) {
            p++;
            return builtin;
        }
        String t;
        switch (c) {
            case 'P' -> { p++; t = type() + "*"; }
            case 'R' -> { p++; t = collapse(type(), "&"); }
            case 'O' -> { p++; t = collapse(type(), "&&"); }
            case 'K' -> { p++; t = type() + " const"; }
            case 'V' -> { p++; t = type() + " volatile"; }
            case 'T' -> t = templateParam();
            case 'S' -> {
                if (p + 1 < s.length() && s.charAt(p + 1) == 't') {
                    t = name();
                } else {
                    t = substitution();
                    if (peek() != 'I') return t; // a substitution is not a new candidate
                    t = t + templateArgs(false);
                }
            }
            case 'N' -> t = name();
            default -> {
                if (!Character.isDigit(c)) throw new Unsupported();
                t = name();
            }
        }
        subs.add(t);
        return t;
    }
}
