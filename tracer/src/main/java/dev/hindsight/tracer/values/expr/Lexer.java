package dev.hindsight.tracer.values.expr;

import dev.hindsight.tracer.values.EvaluationException;
import java.util.ArrayList;
import java.util.List;

/** Splits a C expression into tokens; multi-character operators first, longest match. */
final class Lexer {
    private static final String[] PUNCT = {"<<=", ">>=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
            "->", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "::",
            "+", "-", "*", "/", "%", "&", "|", "^", "~", "!", "<", ">", "(", ")", "[", "]", ".", "?", ":", ",", "@", "="};

    private Lexer() {}

    static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            if (Character.isDigit(c) || c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                i = number(s, i);
                out.add(new Token(Token.Kind.NUMBER, s.substring(start, i), start));
            } else if ((c == 'L' || c == 'u' || c == 'U') && i + 1 < s.length()
                    && (s.charAt(i + 1) == '\'' || s.charAt(i + 1) == '"')) {
                // A wide literal, L'x' or u"xy": the prefix stays in the token's text.
                char quote = s.charAt(i + 1);
                i = quoted(s, i + 1, quote);
                out.add(new Token(quote == '\'' ? Token.Kind.CHAR : Token.Kind.STRING, s.substring(start, i), start));
            } else if (Character.isLetter(c) || c == '_') {
                // As in gdb, '$' may continue a name: clang's vtable pointers are _vptr$Shape.
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) i++;
                out.add(new Token(Token.Kind.IDENT, s.substring(start, i), start));
            } else if (c == '$') {
                i++;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
                out.add(new Token(Token.Kind.REGISTER, s.substring(start + 1, i), start));
            } else if (c == '\'' || c == '"') {
                i = quoted(s, i, c);
                out.add(new Token(c == '\'' ? Token.Kind.CHAR : Token.Kind.STRING, s.substring(start, i), start));
            } else {
                String p = null;
                for (String candidate : PUNCT) {
                    if (s.startsWith(candidate, i)) {
                        p = candidate;
                        break;
                    }
                }
                if (p == null) throw new EvaluationException("Invalid character '" + c + "' in expression.");
                i += p.length();
                out.add(new Token(Token.Kind.PUNCT, p, start));
            }
        }
        out.add(new Token(Token.Kind.END, "", s.length()));
        return out;
    }

    private static int number(String s, int i) {
        if (s.startsWith("0x", i) || s.startsWith("0X", i)) {
            i += 2;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)))) i++;
            return i;
        }
        while (i < s.length()) {
            char c = s.charAt(i);
            boolean exponentSign = (c == '+' || c == '-') && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')
                    && !s.substring(0, i).matches(".*0[xX][0-9a-fA-F]*");
            if (Character.isLetterOrDigit(c) || c == '.' || exponentSign) i++;
            else break;
        }
        return i;
    }

    private static int quoted(String s, int i, char quote) {
        i++;
        while (i < s.length() && s.charAt(i) != quote) {
            if (s.charAt(i) == '\\') i++;
            i++;
        }
        if (i >= s.length()) throw new EvaluationException("Unmatched single quote.");
        return i + 1;
    }
}
