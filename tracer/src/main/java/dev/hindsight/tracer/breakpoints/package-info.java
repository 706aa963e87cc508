/**
 * Breakpoints: the logical ones a user asks for ({@link dev.hindsight.tracer.breakpoints.Breakpoint},
 * on code or, through hardware watchpoints, on data; set through
 * {@link dev.hindsight.tracer.breakpoints.UserBreakpoints} by address, line or function) and the
 * physical int3s behind them ({@link dev.hindsight.tracer.breakpoints.BreakpointTable}), shared
 * with the engine's own temporary breakpoints for stepping. A line or function in a library not
 * loaded yet stays pending and resolves when ld.so reports a load ({@code LibraryLoads}, an
 * engine-only breakpoint on its {@code r_brk}). Front ends reach all this through
 * {@code target.breakpoints()} ({@code UserBreakpoints}); of the rest only {@code Breakpoint} and
 * {@code WatchKind} are theirs.
 */
package dev.hindsight.tracer.breakpoints;
