/**
 * The seam between the {@link dev.hindsight.tracer.Target} facade and what executes the program:
 * {@link dev.hindsight.tracer.backend.Backend}. The live {@code ptrace} backend implements it, and
 * so do the {@code replay} backend of recorded runs and the {@code core} backend of core dumps
 * (which cannot execute: {@code Backend.executes()} is false), so that every front end (DAP, web, MI, the
 * trace command) works on a recording unchanged. The contract speaks in threads, registers, raw
 * memory, physical breakpoints and resumptions; everything a user thinks in (logical breakpoints,
 * symbols, source lines, stepping over calls and lines, backtraces, values) is built above it, in
 * the engine's other packages, from these calls alone.
 *
 * <h2>The rule of the seam</h2>
 * Nothing outside a backend's own package knows how it works. The facade names a backend
 * only where it creates one ({@code Target.launch}, {@code Target.attach}, {@code Target.replay},
 * {@code Target.core}),
 * or takes one made elsewhere ({@code Target.open}: the index module's backend over a built
 * recording); after that it, and everything it delegates to, talks to the {@code Backend}
 * interface. A backend that knows the whole run also implements
 * {@link dev.hindsight.tracer.backend.History} (any time, backwards as forwards), which the
 * facade offers as {@code Target.timeTravel()}.
 *
 * <h2>What a backend must provide (and what a replay backend will have to)</h2>
 * <ul>
 *   <li><b>All-stop execution.</b> {@link dev.hindsight.tracer.backend.Backend#resume} runs one
 *       thread one instruction ({@code STEP_INSTRUCTION}) or every thread until an event
 *       ({@code CONTINUE}), and completes its future with the next
 *       {@link dev.hindsight.tracer.StopEvent}: a stop (reason, thread, pc, signal and fault
 *       address, breakpoint addresses hit) with every thread stopped, or the exit. Program
 *       behaviour (a crash, a signal) is a stop, never an exceptional completion. A replay reaches
 *       the same stops by running the recording forward to the instruction where they happened.</li>
 *   <li><b>Stepping in bulk.</b> {@link dev.hindsight.tracer.backend.Backend#trace} single-steps
 *       up to N instructions, calling a {@link dev.hindsight.tracer.backend.StepObserver} after each
 *       with the registers, and ends in one stop: the engine's fast path for tracing.</li>
 *   <li><b>State at a stop.</b> Threads (leader first), general and floating-point registers of
 *       any thread, and memory (reads return how much was readable; planted breakpoints never
 *       show in what is read). The ELF auxiliary vector ({@link dev.hindsight.tracer.backend.AuxvType}
 *       keys), the memory map in {@code /proc/PID/maps} format and the executable's path: from
 *       these the engine finds modules, symbols and source. A replay answers from the recording
 *       (the registers and memory at that position; the map and auxv as they were recorded).</li>
 *   <li><b>Changes.</b> Register and memory writes, seen by the next read. A backend
 *       that cannot change the program (a replay must not diverge from its recording) refuses a
 *       write with an exception whose message a user can read; the facade passes it on.</li>
 *   <li><b>Breakpoints.</b> Code breakpoints by address, planted and removed idempotently; the
 *       facade shares one physical breakpoint among logical ones and its own temporary ones.
 *       {@link dev.hindsight.tracer.backend.Backend#onBreakpointSilently} makes one the engine's
 *       own (ld.so's load notification): on a hit the backend runs the action with every thread
 *       stopped and continues unless it answers true. Data breakpoints in a fixed number of slots
 *       (x86: four), reporting the stop after the access. A replay stops where the recorded pc
 *       reaches the address, or where a recorded write touches the watched bytes.</li>
 *   <li><b>Pause and kill from any thread.</b> {@code requestPause} makes the pending resumption
 *       complete with a pause; {@code discardPause} forgets one meant for a resumption that
 *       already ended. {@code kill} ends the program (for a replay: the session) and completes
 *       pending resumptions with the exit; {@code exited} tells whether it has ended.</li>
 *   <li><b>Threading.</b> Methods other than {@code requestPause} and {@code kill} are called
 *       only while the program is stopped, but from any thread: a backend that needs one thread
 *       of its own (ptrace does) marshals onto it.</li>
 *   <li><b>Types.</b> Only engine types cross the seam (registers from {@code regs}, stop events
 *       from the facade's package, {@code WatchKind}); no wire format, no front-end type.</li>
 * </ul>
 */
package dev.hindsight.tracer.backend;
