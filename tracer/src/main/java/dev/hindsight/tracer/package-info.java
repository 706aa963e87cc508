/**
 * The engine's public face. {@link dev.hindsight.tracer.Target} is what every front end holds
 * (DAP, GDB/MI, the web UI, the {@code trace} command): it owns a debugged program's lifecycle
 * (start, listeners, state and threads, pause, kill, close) and hands out a few facades, each a
 * class in the package that does the work ({@code breakpoints()}, {@code registers()},
 * {@code memory()}, {@code symbols()}, {@code execution()}, {@code frames()},
 * {@code disassembly()}, {@code timeTravel()}); it holds no request logic itself. Beside it live the types a
 * front end needs to start a program and follow a session: {@link dev.hindsight.tracer.LaunchSpec}
 * (with {@code ResourceLimits}, {@code ProgramStdio} and, on a pseudo-terminal, {@code ProgramTerminal}), {@link dev.hindsight.tracer.TargetEvent}
 * and {@link dev.hindsight.tracer.TargetListener} (the one session event model front ends map to
 * their wire formats), {@link dev.hindsight.tracer.StopEvent} and {@code Signal}, and the
 * exceptions. Types a front end shows come from the rooms they belong to: {@code regs},
 * {@code stack}, {@code breakpoints}, {@code step}, {@code values}, {@code source}, {@code disasm}.
 *
 * <p>The engine knows no wire format: no JSON, DAP, MI or WebSocket type appears in this module
 * (its build has no such dependency outside tests), and nothing here imports a front end. What
 * executes the program stays behind {@link dev.hindsight.tracer.backend.Backend}.
 */
package dev.hindsight.tracer;
