package dev.hindsight.tracer.values;

import java.util.ArrayList;
import java.util.List;

/** A small recursive-descent reader of the Itanium mangling grammar; returns null for what it does not know. */
final class Itanium {
    private final String s;
    private int p = 2;
    private final List<String> subs = new ArrayList<>();

    Itanium(String symbol) {
        this.s = symbol;
    }

    String demangle() {
        if (s.startsWith("_ZTV")) return special(4, "vtable for ");
        if (s.startsWith("_ZTI")) return special(4, "typeinfo for ");
        if (s.startsWith("_ZTS")) return special(4, "typeinfo name for ");
        String name = name();
        if (name == null) return null;
        if (p >= s.length()) return name;
        List<String> params = new ArrayList<>();
        while (p < s.length() && s.charAt(p) != '.') {
            String t = type();
            if (t == null) return null;
            params.add(t);
        }
        if (params.size() == 1 && params.get(0).equals("void")) params.clear();
        return name + "(" + String.join(", ", params) + ")";
    }

    private String special(int at, String prefix) {
        p = at;
        String t = type();
        return t == null || p != s.length() ? null : prefix + t;
    }

    private char peek() {
        return p < s.length() ? s.charAt(p) : '\0';
    }

    private String name() {
        char c = peek();
        if (c == 'N') {
            p++;
            boolean konst = false;
            if (peek() == 'K') { konst = true; p++; }
            String prefix = null;
            while (peek() != 'E') {
                if (p >= s.length()) return null;
                String part;
                if (peek() == 'S') {
                    part = substitution();
                    if (part == null) return null;
                } else if (peek() == 'I') {
                    String args = templateArgs();
                    if (args == null || prefix == null) return null;
                    prefix = prefix + args;
                    subs.add(prefix);
                    continue;
                } else if (peek() == 'C' || peek() == 'D') {
                    String last = prefix == null ? "" : prefix.substring(prefix.lastIndexOf(':') + 1).replaceAll("<.*", "");
                    part = (peek() == 'D' ? "~" : "") + last;
                    p += 2;
                    prefix = prefix + "::" + part;
                    continue;
                } else {
                    part = sourceName();
                    if (part == null) return null;
                }
                prefix = prefix == null ? part : prefix + "::" + part;
                subs.add(prefix);
            }
            p++;
            return konst ? prefix : prefix;
        }
        if (c == 'S' && p + 1 < s.length() && s.charAt(p + 1) == 't') {
            p += 2;
            String n = sourceName();
            return n == null ? null : withArgs("std::" + n);
        }
        String n = sourceName();
        return n == null ? null : withArgs(n);
    }

    private String withArgs(String n) {
        if (peek() != 'I') return n;
        subs.add(n);
        String args = templateArgs();
        return args == null ? null : n + args;
    }

    private String sourceName() {
        int start = p;
        while (Character.isDigit(peek())) p++;
        if (start == p) return null;
        int len = Integer.parseInt(s.substring(start, p));
        if (p + len > s.length()) return null;
        String n = s.substring(p, p + len);
        p += len;
        return n.startsWith("_GLOBAL__N") ? "(anonymous namespace)" : n;
    }

    private String templateArgs() {
        p++; // I
        List<String> args = new ArrayList<>();
        while (peek() != 'E') {
            if (p >= s.length()) return null;
            String a;
            if (peek() == 'L') {
                p++;
                String t = type();
                int start = p;
                while (peek() != 'E' && p < s.length()) p++;
                String v = s.substring(start, p).replace('n', '-');
                p++;
                a = t == null ? null : (t.equals("int") ? v : "(" + t + ")" + v);
            } else {
                a = type();
            }
            if (a == null) return null;
            args.add(a);
        }
        p++;
        String joined = String.join(", ", args);
        return "<" + joined + (joined.endsWith(">") ? " >" : ">");
    }

    private String substitution() {
        p++; // S
        char c = peek();
        if (c == 't') { p++; String n = sourceName(); return n == null ? null : "std::" + n; }
        String fixed = switch (c) {
            case 'a' -> "std::allocator";
            case 'b' -> "std::basic_string";
            case 's' -> "std::string";
            case 'i' -> "std::istream";
            case 'o' -> "std::ostream";
            case 'd' -> "std::iostream";
            default -> null;
        };
        if (fixed != null) { p++; return fixed; }
        int start = p;
        while (Character.isLetterOrDigit(peek()) && peek() != '_') p++;
        if (peek() != '_') return null;
        String seq = s.substring(start, p);
        p++;
        int index = seq.isEmpty() ? 0 : Integer.parseInt(seq, 36) + 1;
        return index < subs.size() ? subs.get(index) : null;
    }

    private String type() {
        char c = peek();
        String builtin = switch (c) {
            case 'v' -> "void"; case 'b' -> "bool"; case 'c' -> "char"; case 'a' -> "signed char";
            case 'h' -> "unsigned char"; case 's' -> "short"; case 't' -> "unsigned short"; case 'i' -> "int";
            case 'j' -> "unsigned int"; case 'l' -> "long"; case 'm' -> "unsigned long"; case 'x' -> "long long";
            case 'y' -> "unsigned long long"; case 'f' -> "float"; case 'd' -> "double"; case 'e' -> "long double";
            case 'w' -> "wchar_t"; case 'z' -> "...";
            default -> null;
        };
        if (builtin != null) { p++; return builtin; }
        String t;
        switch (c) {
            case 'P' -> { p++; String in = type(); t = in == null ? null : in + "*"; }
            case 'R' -> { p++; String in = type(); t = in == null ? null : in + "&"; }
            case 'O' -> { p++; String in = type(); t = in == null ? null : in + "&&"; }
            case 'K' -> { p++; String in = type(); t = in == null ? null : in + " const"; }
            case 'S' -> {
                if (p + 1 < s.length() && s.charAt(p + 1) == 't') {
                    t = name();
                } else {
                    t = substitution();
                    if (t != null && peek() == 'I') {
                        String args = templateArgs();
                        t = args == null ? null : t + args;
                    }
                    return t; // substitutions are not added again
                }
            }
            default -> t = name();
        }
        if (t != null) subs.add(t);
        return t;
    }
}
