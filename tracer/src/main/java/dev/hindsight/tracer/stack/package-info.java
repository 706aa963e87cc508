/**
 * Call stacks as gdb's {@code bt} lists them: {@link dev.hindsight.tracer.stack.Frame} (a facade
 * type front ends show), and the walk that produces them. {@code Backtracer} unwinds with each
 * module's call-frame information (prologue analysis and the frame pointer where a module has
 * none), through libc and signal trampolines, and stops after main, at a thread's first frame or at
 * a corrupt chain ({@link dev.hindsight.tracer.stack.CallerFrame} is its first step alone, for step
 * out); {@code FrameDescriber} names frames and gives inlined calls frames of their
 * own; {@code TailCalls} recovers functions that tail-called onwards from DWARF call sites.
 * {@code FrameFacts} remembers what one module map says about a pc (a frame's names and lines,
 * where its function starts) from stop to stop, for as long as that map stands.
 * {@link dev.hindsight.tracer.stack.StopCache} keeps what one stop looks like (registers, walked
 * stacks, stack memory) so each is read once per stop.
 */
package dev.hindsight.tracer.stack;
