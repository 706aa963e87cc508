package dev.hindsight.tracer.values.expr;

import dev.hindsight.tracer.values.EvaluationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Recursive-descent parser for C expressions with C's precedence; casts need to know which names are types. */
final class Parser {
    static final Set<String> TYPE_WORDS = Set.of("int", "char", "short", "long", "unsigned", "signed", "float", "double",
            "void", "_Bool", "bool", "const", "volatile", "struct", "union", "enum", "class");
    private static final List<List<String>> BINARY_LEVELS = List.of(
            List.of("||"), List.of("&&"), List.of("|"), List.of("^"), List.of("&"), List.of("==", "!="),
            List.of("<", ">", "<=", ">="), List.of("<<", ">>"), List.of("@"), List.of("+", "-"), List.of("*", "/", "%"));

    private final String text;
    private final List<Token> tokens;
    private final Predicate<String> isTypedef;
    private int p;

    private Parser(String text, Predicate<String> isTypedef) {
        this.text = text;
        this.tokens = Lexer.tokens(text);
        this.isTypedef = isTypedef;
    }

    static Node parse(String text, Predicate<String> isTypedef) {
        Parser parser = new Parser(text, isTypedef);
        if (parser.peek().kind() == Token.Kind.END) throw new EvaluationException("Argument required (expression to compute).");
        Node n = parser.assignment();
        if (parser.peek().kind() != Token.Kind.END) throw parser.syntaxError();
        return n;
    }

    private Token peek() {
        return tokens.get(p);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(p + ahead, tokens.size() - 1));
    }

    private EvaluationException syntaxError() {
        return new EvaluationException("A syntax error in expression, near `" + text.substring(peek().start()) + "'.");
    }

    private void expect(String punct) {
        if (!peek().is(punct)) throw syntaxError();
        p++;
    }

    private static final Set<String> COMPOUND = Set.of("+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=");

    /** {@code x = v} and {@code x op= v} (as {@code x = x op v}), right-associative. */
    private Node assignment() {
        Node target = conditional();
        if (peek().is("=")) {
            p++;
            return new Node.Assign(target, assignment());
        }
        if (peek().kind() == Token.Kind.PUNCT && COMPOUND.contains(peek().text())) {
            String op = tokens.get(p++).text();
            return new Node.Assign(target, new Node.Binary(op.substring(0, op.length() - 1), target, assignment()));
        }
        return target;
    }

    private Node conditional() {
        Node c = binary(0);
        if (peek().is("?")) {
            p++;
            Node a = conditional();
            expect(":");
            Node b = conditional();
            return new Node.Conditional(c, a, b);
        }
        return c;
    }

    private Node binary(int level) {
        if (level == BINARY_LEVELS.size()) return unary();
        Node left = binary(level + 1);
        while (peek().kind() == Token.Kind.PUNCT && BINARY_LEVELS.get(level).contains(peek().text())) {
            String op = tokens.get(p++).text();
            left = new Node.Binary(op, left, binary(level + 1));
        }
        return left;
    }

    private Node unary() {
        Token t = peek();
        if (t.kind() == Token.Kind.PUNCT && Set.of("-", "+", "!", "~", "*", "&").contains(t.text())) {
            p++;
            return new Node.Unary(t.text(), unary());
        }
        if (t.is("sizeof")) {
            p++;
            if (peek().is("(") && startsType(1)) {
                p++;
                Node.TypeName type = typeName();
                expect(")");
                return new Node.SizeofType(type);
            }
            return new Node.SizeofValue(unary());
        }
        if (t.is("(") && startsType(1)) {
            p++;
            Node.TypeName type = typeName();
            expect(")");
            return new Node.Cast(type, unary());
        }
        return postfix(primary());
    }

    private boolean startsType(int ahead) {
        Token t = peek(ahead);
        if (t.kind() != Token.Kind.IDENT) return false;
        if (TYPE_WORDS.contains(t.text())) return true;
        // A typedef or class name, possibly qualified (geo::Rect), followed by ')' or '*'.
        int i = ahead;
        StringBuilder name = new StringBuilder(t.text());
        while (peek(i + 1).is("::") && peek(i + 2).kind() == Token.Kind.IDENT) {
            name.append("::").append(peek(i + 2).text());
            i += 2;
        }
        Token after = peek(i + 1);
        return (after.is(")") || after.is("*")) && isTypedef.test(name.toString());
    }

    private Node.TypeName typeName() {
        List<String> words = new ArrayList<>();
        while (peek().kind() == Token.Kind.IDENT) {
            String w = tokens.get(p++).text();
            while (peek().is("::") && peek(1).kind() == Token.Kind.IDENT) {
                p++;
                w = w + "::" + tokens.get(p++).text();
            }
            words.add(w);
            if (!TYPE_WORDS.contains(w)) break; // a tag, typedef or class name ends the specifiers
        }
        if (words.isEmpty()) throw syntaxError();
        int pointers = 0;
        while (peek().is("*") || peek().is("const") || peek().is("volatile")) {
            if (peek().is("*")) pointers++;
            p++;
        }
        return new Node.TypeName(words, pointers);
    }

    private Node primary() {
        Token t = peek();
        switch (t.kind()) {
            case NUMBER -> {
                p++;
                return new Node.Number(t.text());
            }
            case CHAR -> {
                p++;
                return new Node.CharLiteral(t.text());
            }
            case STRING -> {
                p++;
                return new Node.StringLiteral(t.text());
            }
            case REGISTER -> {
                p++;
                return new Node.Register(t.text());
            }
            case IDENT -> {
                p++;
                StringBuilder name = new StringBuilder(t.text());
                while (peek().is("::") && peek(1).kind() == Token.Kind.IDENT) {
                    p++;
                    name.append("::").append(tokens.get(p++).text());
                }
                return new Node.Name(name.toString());
            }
            case PUNCT -> {
                if (t.is("(")) {
                    p++;
                    Node inner = conditional();
                    expect(")");
                    return inner;
                }
                throw syntaxError();
            }
            default -> throw syntaxError();
        }
    }

    private Node postfix(Node n) {
        while (true) {
            if (peek().is("[")) {
                p++;
                Node index = conditional();
                expect("]");
                n = new Node.Index(n, index);
            } else if (peek().is("(")) {
                throw new EvaluationException("Calling functions of the program is not supported.");
            } else if (peek().is(".") || peek().is("->")) {
                boolean arrow = tokens.get(p++).is("->");
                if (peek().kind() != Token.Kind.IDENT) throw syntaxError();
                n = new Node.Member(n, tokens.get(p++).text(), arrow);
            } else {
                return n;
            }
        }
    }
}
