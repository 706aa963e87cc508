/**
 * Breakpoints: the logical ones a user asks for ({@link dev.hindsight.tracer.breakpoints.Breakpoint},
 * on code or, through hardware watchpoints, on data) and the physical int3s behind them
 * ({@link dev.hindsight.tracer.breakpoints.BreakpointTable}), shared with the engine's own
 * temporary breakpoints for stepping. Front ends reach them through
 * {@link dev.hindsight.tracer.Target}; the table is engine-internal.
 */
package dev.hindsight.tracer.breakpoints;
