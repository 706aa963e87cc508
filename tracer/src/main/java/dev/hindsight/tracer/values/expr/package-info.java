/**
 * C expressions over a frame: lexer, recursive-descent parser and an evaluator with C's
 * promotions and pointer arithmetic, registers ({@code $rax}, {@code $pc}, {@code $sp}), casts to
 * scalar, pointer and named types, and gdb's error messages.
 */
package dev.hindsight.tracer.values.expr;
