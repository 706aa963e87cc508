/**
 * The small contract between the {@link dev.hindsight.tracer.Target} facade and what executes the
 * program: today the live ptrace backend, later a replayer of recorded runs. It speaks in
 * threads, registers, raw memory, physical breakpoints and resumptions; everything a user
 * thinks in (logical breakpoints, symbols, source lines, stepping over calls) is built above it.
 */
package dev.hindsight.tracer.backend;
