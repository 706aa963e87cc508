/**
 * C expressions over a frame: lexer, recursive-descent parser and an evaluator with C's
 * promotions and pointer arithmetic, registers ({@code $rax}, {@code $pc}, {@code $sp}; vector
 * registers as gdb's lane unions, {@code $xmm0.v4_int32[2]}, {@code $v0.d.u[1]}, typed by
 * {@link dev.hindsight.tracer.values.expr.VectorTypes} from the architecture's description), casts to
 * scalar, pointer and named types, and gdb's error messages.
 */
package dev.hindsight.tracer.values.expr;
