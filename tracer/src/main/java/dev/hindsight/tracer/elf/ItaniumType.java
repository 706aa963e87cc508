package dev.hindsight.tracer.elf;

/**
 * A type as text around a declarator slot: {@code left + (inner) + right}, where inner is
 * null for plain types and holds {@code *}, {@code &} etc. for pointers to functions/arrays.
 * {@code ref} is 1 for an lvalue and 2 for an rvalue reference, for reference collapsing.
 */
record ItaniumType(String left, String inner, String right, int ref, boolean array) {
    static ItaniumType plain(String s) {
        return new ItaniumType(s, null, "", 0, false);
    }

    @Override
    public String toString() {
        if (inner == null) return left + right;
        if (inner.isEmpty()) return left + right;
        return left + "(" + inner + ")" + (array ? " " : "") + right;
    }

    ItaniumType wrap(String modifier) {
        int newRef = modifier.equals("&") ? 1 : modifier.equals("&&") ? 2 : 0;
        if (newRef > 0 && ref > 0) {
            // T& & and T&& & are T&, T&& && is T&&.
            if (ref == 1 || newRef == 2) return this;
            if (inner == null) return new ItaniumType(left.substring(0, left.length() - 1), null, right, 1, array);
            return new ItaniumType(left, inner.substring(0, inner.length() - 1), right, 1, array);
        }
        if (inner == null) return new ItaniumType(left + modifier, null, right, newRef, false);
        return new ItaniumType(left, inner + modifier, right, newRef, array);
    }
}
