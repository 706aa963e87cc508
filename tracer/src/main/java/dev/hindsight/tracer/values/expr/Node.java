package dev.hindsight.tracer.values.expr;

import java.util.List;

/** The syntax tree of a C expression. */
sealed interface Node {
    record Number(String text) implements Node {}

    record CharLiteral(String text) implements Node {}

    record StringLiteral(String text) implements Node {}

    record Name(String name) implements Node {}

    record Register(String name) implements Node {}

    record Unary(String op, Node operand) implements Node {}

    record Binary(String op, Node left, Node right) implements Node {}

    record Conditional(Node condition, Node then, Node otherwise) implements Node {}

    /** {@code x = 5}: writes the program's variable, as gdb's {@code print x = 5} does. */
    record Assign(Node target, Node value) implements Node {}

    record Member(Node object, String member, boolean arrow) implements Node {}

    record Index(Node array, Node index) implements Node {}

    record Cast(TypeName type, Node operand) implements Node {}

    record SizeofType(TypeName type) implements Node {}

    record SizeofValue(Node operand) implements Node {}

    /** A type as written in a cast: specifier words ({@code unsigned long}, {@code struct point}) and pointer depth. */
    record TypeName(List<String> words, int pointers) {
        String text() {
            return String.join(" ", words) + (pointers > 0 ? " " + "*".repeat(pointers) : "");
        }
    }
}
