/**
 * The engine's public API. {@link dev.hindsight.tracer.Target} is the facade every front end
 * uses (DAP, GDB/MI, the web UI, the {@code trace} command); {@link dev.hindsight.tracer.TargetEvent}
 * is the one session event model they map to their wire formats. Nothing here knows a wire
 * format; the live ptrace machinery stays behind {@link dev.hindsight.tracer.backend.Backend}.
 * Backtraces ({@code Backtracer}, {@code FrameDescriber}, {@code TailCalls}) list frames as gdb's
 * {@code bt} does: inlined calls and tail calls as frames of their own, signal trampolines, and
 * the stop after main. Breakpoints in libraries not loaded yet stay pending and resolve when
 * ld.so reports a load ({@code LibraryLoads}, an engine-only breakpoint on its {@code r_brk}).
 */
package dev.hindsight.tracer;
