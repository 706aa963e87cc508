package dev.hindsight.tracer.values.expr;

/** A lexical token of a C expression; {@code start} is its offset in the text (for error messages). */
record Token(Kind kind, String text, int start) {
    enum Kind { NUMBER, CHAR, STRING, IDENT, REGISTER, PUNCT, END }

    boolean is(String punct) {
        return (kind == Kind.PUNCT || kind == Kind.IDENT) && text.equals(punct);
    }
}
