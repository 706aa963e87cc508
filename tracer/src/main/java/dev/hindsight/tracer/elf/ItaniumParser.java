package dev.hindsight.tracer.elf;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent reader of one Itanium-mangled name (what {@link Demangler} exposes), keeping
 * the substitution table and the template arguments that {@code T_} refers to. Throws on
 * anything it does not understand; the caller then keeps the mangled name.
 */
final class ItaniumParser {
    final String s;
    int pos, depth;
    final List<ItaniumType> subs = new ArrayList<>();
    List<ItaniumType> templateArgs = new ArrayList<>();
    /** Whether the name just parsed ended in template arguments, and was a constructor or destructor. */
    boolean endsInTemplate, ctorDtor;
    String cvQualifiers = "", refQualifier = "";

    ItaniumParser(String s) {
        this.s = s;
    }

    char peek() {
        return pos < s.length() ? s.charAt(pos) : 0;
    }

    char peek(int ahead) {
        return pos + ahead < s.length() ? s.charAt(pos + ahead) : 0;
    }

    boolean eat(char c) {
        if (peek() != c) return false;
        pos++;
        return true;
    }

    boolean eat(String t) {
        if (!s.startsWith(t, pos)) return false;
        pos += t.length();
        return true;
    }

    void expect(char c) {
        if (!eat(c)) throw new IllegalArgumentException("expected " + c + " at " + pos);
    }

    void enter() {
        if (++depth > ItaniumTables.MAX_DEPTH) throw new IllegalArgumentException("too deep");
    }

    /** {@code <encoding>}: a function with its parameters, a data name, or a special name. */
    String encoding(boolean top) {
        enter();
        try {
            if (peek() == 'T' || peek() == 'G') return special();
            String name = name();
            boolean template = endsInTemplate, structor = ctorDtor;
            String cv = cvQualifiers, ref = refQualifier;
            if (pos >= s.length() || peek() == 'E' || peek() == '.') return name;
            if (!template || structor) return name + parameters() + cv + ref;
            ItaniumType ret = type();
            String function = name + parameters() + cv + ref;
            // Returning a pointer or reference to an array or function puts the function inside the declarator.
            if (ret.inner() != null && !ret.inner().isEmpty()) {
                return ret.left() + "(" + ret.inner() + function + ")" + (ret.array() ? " " : "") + ret.right();
            }
            return ret + " " + function;
        } finally {
            depth--;
        }
    }

    String parameters() {
        List<String> params = new ArrayList<>();
        while (pos < s.length() && peek() != 'E' && peek() != '.') params.add(type().toString());
        if (params.size() == 1 && params.get(0).equals("void")) params.clear();
        return "(" + String.join(", ", params) + ")";
    }

    String special() {
        if (eat("TV")) return "vtable for " + type();
        if (eat("TT")) return "VTT for " + type();
        if (eat("TI")) return "typeinfo for " + type();
        if (eat("TS")) return "typeinfo name for " + type();
        if (eat("GV")) return "guard variable for " + name();
        if (eat("GR")) {
            String n = name();
            while (pos < s.length() && peek() != '_') pos++;
            eat('_');
            return "reference temporary #0 for " + n;
        }
        if (eat("GTt")) return "transaction clone for " + encoding(false);
        if (eat("Th")) {
            number();
            expect('_');
            return "non-virtual thunk to " + encoding(false);
        }
        if (eat("Tv")) {
            number();
            expect('_');
            number();
            expect('_');
            return "virtual thunk to " + encoding(false);
        }
        if (eat("TH")) return "TLS init function for " + name();
        if (eat("TW")) return "TLS wrapper function for " + name();
        throw new IllegalArgumentException("special name");
    }

    /** {@code <name>}: nested, local, unscoped (possibly a template) or a substitution with arguments. */
    String name() {
        enter();
        try {
            endsInTemplate = false;
            ctorDtor = false;
            cvQualifiers = "";
            refQualifier = "";
            if (peek() == 'N') return nested();
            if (peek() == 'Z') return local();
            String n;
            if (peek() == 'S' && peek(1) != 't') {
                n = substitution().toString();
            } else {
                boolean std = eat("St");
                n = (std ? "std::" : "") + unqualified(null);
                if (peek() == 'I') subs.add(ItaniumType.plain(n));
            }
            if (peek() == 'I') {
                n = withArgs(n, templateArgs(true));
                endsInTemplate = true;
            }
            return n;
        } finally {
            depth--;
        }
    }

    String local() {
        expect('Z');
        List<ItaniumType> savedArgs = templateArgs;
        String function = encoding(false);
        templateArgs = savedArgs;
        expect('E');
        if (eat('s')) {
            discriminator();
            return function + "::string literal";
        }
        String entity = name();
        discriminator();
        return function + "::" + entity;
    }

    void discriminator() {
        if (eat('_')) {
            if (eat('_')) {
                number();
                expect('_');
            } else {
                pos++;
            }
        }
    }

    String nested() {
        expect('N');
        String cv = cvQualifiersOf();
        String ref = eat('R') ? " &" : eat('O') ? " &&" : "";
        String soFar = "";
        boolean template = false, structor = false;
        while (!eat('E')) {
            if (pos >= s.length()) throw new IllegalArgumentException("unterminated nested name");
            template = false;
            if (peek() == 'I') {
                if (soFar.isEmpty()) throw new IllegalArgumentException("arguments without a template");
                soFar = withArgs(soFar, templateArgs(true));
                template = true;
            } else if (peek() == 'S' && peek(1) != 't') {
                soFar = join(soFar, substitution().toString());
                structor = false;
                continue; // a substitution is not itself a new candidate
            } else if (peek() == 'T') {
                soFar = join(soFar, templateParam().toString());
                structor = false;
            } else if (eat("St")) {
                soFar = join(soFar, "std");
                continue;
            } else if (peek() == 'D' && (peek(1) == 't' || peek(1) == 'T')) {
                throw new IllegalArgumentException("decltype prefix");
            } else {
                char c = peek();
                structor = c == 'C' || c == 'D';
                soFar = join(soFar, unqualified(baseName(soFar)));
            }
            if (peek() != 'E') subs.add(ItaniumType.plain(soFar));
        }
        endsInTemplate = template;
        ctorDtor = structor;
        cvQualifiers = cv;
        refQualifier = ref;
        return soFar;
    }

    /** The last component of a qualified name without its template arguments: what a constructor is named. */
    static String baseName(String qualified) {
        if (qualified.isEmpty()) return null;
        String q = qualified;
        while (q.endsWith(">")) {
            int level = 0, i = q.length() - 1;
            for (; i >= 0; i--) {
                char ch = q.charAt(i);
                if (ch == '>') level++;
                else if (ch == '<' && --level == 0) break;
            }
            if (i <= 0) return null;
            q = q.substring(0, i);
        }
        int sep = q.lastIndexOf("::");
        return sep < 0 ? q : q.substring(sep + 2);
    }

    /** {@code operator< <int>}: a space keeps the brackets apart, as libiberty writes it. */
    static String withArgs(String name, String args) {
        return name.endsWith("<") ? name + " " + args : name + args;
    }

    static String join(String prefix, String part) {
        return prefix.isEmpty() ? part : prefix + "::" + part;
    }

    String cvQualifiersOf() {
        StringBuilder b = new StringBuilder();
        if (eat('r')) b.append(" restrict");
        if (eat('V')) b.append(" volatile");
        if (eat('K')) b.append(" const");
        return b.toString();
    }

    /** {@code <unqualified-name>}; {@code enclosing} names constructors and destructors. */
    String unqualified(String enclosing) {
        char c = peek();
        String n;
        if (Character.isDigit(c)) {
            n = sourceName();
        } else if (c == 'C' && (peek(1) >= '1' && peek(1) <= '5' || peek(1) == 'I')) {
            pos += eat("CI") ? 1 : 2;
            n = structorBase(enclosing);
        } else if (c == 'D' && peek(1) >= '0' && peek(1) <= '5') {
            pos += 2;
            n = "~" + structorBase(enclosing);
        } else if (c == 'U' && peek(1) == 'l') {
            pos += 2;
            String params = parameters();
            expect('E');
            int n1 = eat('_') ? 1 : number() + 2;
            if (n1 > 1) expect('_');
            n = "{lambda" + params + "#" + n1 + "}";
        } else if (c == 'U' && peek(1) == 't') {
            pos += 2;
            int n1 = eat('_') ? 1 : number() + 2;
            if (n1 > 1) expect('_');
            n = "{unnamed type#" + n1 + "}";
        } else if (c == 'L') {
            pos++;
            n = sourceName();
            discriminator();
        } else {
            n = operatorName();
        }
        while (peek() == 'B') {
            pos++;
            n += "[abi:" + sourceName() + "]";
        }
        return n;
    }

    String structorBase(String enclosing) {
        if (enclosing == null) throw new IllegalArgumentException("constructor outside a class");
        int abi = enclosing.indexOf("[abi:");
        return abi < 0 ? enclosing : enclosing.substring(0, abi);
    }

    String operatorName() {
        if (eat("cv")) return "operator " + type();
        if (eat("li")) return "operator\"\" " + sourceName();
        if (pos + 2 > s.length()) throw new IllegalArgumentException("operator");
        String op = ItaniumTables.OPERATORS.get(s.substring(pos, pos + 2));
        if (op == null) throw new IllegalArgumentException("operator " + s.substring(pos, pos + 2));
        pos += 2;
        boolean word = Character.isLetter(op.charAt(0));
        return "operator" + (word ? " " : "") + op;
    }

    String sourceName() {
        int n = number();
        if (n <= 0 || pos + n > s.length()) throw new IllegalArgumentException("source name");
        String id = s.substring(pos, pos + n);
        pos += n;
        return id.startsWith("_GLOBAL__N") ? "(anonymous namespace)" : id;
    }

    int number() {
        int start = pos;
        while (Character.isDigit(peek())) pos++;
        if (start == pos) throw new IllegalArgumentException("number expected at " + pos);
        return Integer.parseInt(s.substring(start, pos));
    }

    ItaniumType substitution() {
        expect('S');
        char c = peek();
        String abbreviation = switch (c) {
            case 'a' -> "std::allocator";
            case 'b' -> "std::basic_string";
            case 's' -> "std::string";
            case 'i' -> "std::istream";
            case 'o' -> "std::ostream";
            case 'd' -> "std::iostream";
            default -> null;
        };
        if (abbreviation != null) {
            pos++;
            // Before a constructor or destructor gdb spells the class out, so it can name it.
            if (peek() == 'C' || peek() == 'D') abbreviation = ItaniumTables.FULL.getOrDefault(c, abbreviation);
            return ItaniumType.plain(abbreviation);
        }
        int index = 0;
        if (c != '_') {
            int start = pos;
            while (Character.isDigit(peek()) || Character.isUpperCase(peek())) pos++;
            if (start == pos) throw new IllegalArgumentException("substitution");
            index = Integer.parseInt(s.substring(start, pos), 36) + 1;
        }
        expect('_');
        if (index >= subs.size()) throw new IllegalArgumentException("substitution " + index);
        return subs.get(index);
    }

    ItaniumType templateParam() {
        expect('T');
        int index = eat('_') ? 0 : number() + 1;
        if (index > 0) expect('_');
        if (index >= templateArgs.size()) throw new IllegalArgumentException("template parameter " + index);
        return templateArgs.get(index);
    }

    /** {@code I <template-arg>+ E}; {@code record} makes them what T_ refers to. */
    String templateArgs(boolean record) {
        expect('I');
        List<ItaniumType> args = new ArrayList<>();
        while (!eat('E')) {
            if (pos >= s.length()) throw new IllegalArgumentException("unterminated template arguments");
            args.add(templateArg());
        }
        if (record && depth <= 2) templateArgs = args;
        String joined = String.join(", ", args.stream().map(ItaniumType::toString).toList());
        return "<" + joined + (joined.endsWith(">") ? " >" : ">");
    }

    ItaniumType templateArg() {
        if (peek() == 'L') return ItaniumType.plain(literal());
        if (eat('X')) throw new IllegalArgumentException("expression template argument");
        if (eat('J')) {
            List<ItaniumType> pack = new ArrayList<>();
            while (!eat('E')) pack.add(templateArg());
            if (pack.size() == 1) return pack.get(0);
            return ItaniumType.plain(String.join(", ", pack.stream().map(ItaniumType::toString).toList()));
        }
        return type();
    }

    String literal() {
        expect('L');
        if (eat("_Z")) {
            String e = encoding(false);
            expect('E');
            return e;
        }
        ItaniumType t = type();
        boolean negative = eat('n');
        int start = pos;
        while (pos < s.length() && peek() != 'E') pos++;
        String value = (negative ? "-" : "") + s.substring(start, pos);
        expect('E');
        return switch (t.toString()) {
            case "bool" -> value.equals("0") ? "false" : value.equals("1") ? "true" : "(bool)" + value;
            case "int" -> value;
            case "unsigned int" -> value + "u";
            case "long" -> value + "l";
            case "unsigned long" -> value + "ul";
            case "long long" -> value + "ll";
            case "unsigned long long" -> value + "ull";
            default -> "(" + t + ")" + value;
        };
    }

    ItaniumType type() {
        enter();
        try {
            return typeInner();
        } finally {
            depth--;
        }
    }

    private ItaniumType typeInner() {
        char c = peek();
        String builtin = ItaniumTables.BUILTIN.get(c);
        if (builtin != null) {
            pos++;
            return ItaniumType.plain(builtin);
        }
        ItaniumType t;
        switch (c) {
            case 'r': case 'V': case 'K': {
                String cv = cvQualifiersOf();
                ItaniumType inner = type();
                t = inner.ref() > 0 ? inner // cv-qualified references are the references
                        : inner.inner() == null ? ItaniumType.plain(inner.left() + cv) : new ItaniumType(inner.left(), inner.inner() + cv, inner.right(), 0, inner.array());
                break;
            }
            case 'P': pos++; t = type().wrap("*"); break;
            case 'R': pos++; t = type().wrap("&"); break;
            case 'O': pos++; t = type().wrap("&&"); break;
            case 'F': t = functionType(); break;
            case 'A': t = arrayType(); break;
            case 'T': {
                t = templateParam();
                if (peek() == 'I') {
                    subs.add(t);
                    t = ItaniumType.plain(t + templateArgs(false));
                }
                break;
            }
            case 'S': {
                if (peek(1) == 't') {
                    t = ItaniumType.plain(nameAsType());
                    break;
                }
                ItaniumType sub = substitution();
                if (peek() != 'I') return sub;
                t = ItaniumType.plain(sub + templateArgs(false));
                break;
            }
            case 'D': {
                if (peek(1) != 'p') return dType(); // builtin: not a substitution candidate
                pos += 2;
                t = type();
                break;
            }
            case 'N': case 'Z': t = ItaniumType.plain(nameAsType()); break;
            default:
                if (Character.isDigit(c)) {
                    t = ItaniumType.plain(nameAsType());
                    break;
                }
                throw new IllegalArgumentException("type " + c);
        }
        subs.add(t);
        return t;
    }

    /** A class or enum name used as a type: its template arguments do not bind T_. */
    String nameAsType() {
        List<ItaniumType> saved = templateArgs;
        boolean savedTemplate = endsInTemplate, savedStructor = ctorDtor;
        String cv = cvQualifiers, ref = refQualifier;
        depth += 2; // below the top level, so templateArgs stays the function's
        try {
            return name();
        } finally {
            depth -= 2;
            templateArgs = saved;
            endsInTemplate = savedTemplate;
            ctorDtor = savedStructor;
            cvQualifiers = cv;
            refQualifier = ref;
        }
    }

    ItaniumType functionType() {
        expect('F');
        eat('Y');
        String ret = type().toString();
        List<String> params = new ArrayList<>();
        while (peek() != 'E' && peek() != 'R' && peek() != 'O') params.add(type().toString());
        String ref = eat('R') ? " &" : eat('O') ? " &&" : "";
        expect('E');
        if (params.size() == 1 && params.get(0).equals("void")) params.clear();
        return new ItaniumType(ret + " ", "", "(" + String.join(", ", params) + ")" + ref, 0, false);
    }

    ItaniumType arrayType() {
        expect('A');
        String dim = "";
        if (Character.isDigit(peek())) dim = String.valueOf(number());
        expect('_');
        ItaniumType element = type();
        return new ItaniumType(element + " ", "", "[" + dim + "]", 0, true);
    }

    ItaniumType dType() {
        if (eat("Dn")) return ItaniumType.plain("decltype(nullptr)");
        if (eat("Di")) return ItaniumType.plain("char32_t");
        if (eat("Ds")) return ItaniumType.plain("char16_t");
        if (eat("Du")) return ItaniumType.plain("char8_t");
        if (eat("Da")) return ItaniumType.plain("auto");
        if (eat("Dc")) return ItaniumType.plain("decltype(auto)");
        if (eat("Df")) return ItaniumType.plain("decimal32");
        if (eat("Dd")) return ItaniumType.plain("decimal64");
        if (eat("De")) return ItaniumType.plain("decimal128");
        if (eat("Dh")) return ItaniumType.plain("half");
        if (eat("DF")) {
            int bits = number();
            expect('_');
            return ItaniumType.plain("_Float" + bits);
        }
        throw new IllegalArgumentException("type D" + peek(1));
    }
}
