package dev.hindsight.dap.session;

/** Evaluates an expression in the stopped program's innermost frame, giving the value as text. */
@FunctionalInterface
interface ExpressionSource {
    String evaluate(String expression);
}
