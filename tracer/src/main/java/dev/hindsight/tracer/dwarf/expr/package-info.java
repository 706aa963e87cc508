/**
 * DWARF location descriptions: the expression stack machine ({@link dev.hindsight.tracer.dwarf.expr.ExpressionEvaluator})
 * evaluated against a caller-supplied {@link dev.hindsight.tracer.dwarf.expr.ExpressionContext} (registers, memory,
 * frame base, CFA), location lists from {@code .debug_loc} and {@code .debug_loclists}, and the resulting
 * {@link dev.hindsight.tracer.dwarf.expr.Location} (memory, register, implicit value, pieces or unavailable).
 */
package dev.hindsight.tracer.dwarf.expr;
