package dev.hindsight.mi.commands;

import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.session.MiSession;
import dev.hindsight.mi.session.MiSession.Intent;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.travel.TimeTravel;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Reverse execution ({@code --reverse}, {@code reverse-step}…, {@code set exec-direction
 * reverse}) on a recorded and built run ({@code hindsight gdb --trace=DIR}), with gdb's stops: a
 * reverse step ends {@code end-stepping-range} (reverse-finish at the call instruction, as gdb's
 * does), a reverse continue at the previous breakpoint hit, and the start of the recording is
 * gdb's "No more reverse-execution history". A live process cannot go backwards: refused as gdb
 * refuses it, with a sentence saying what would make it work.
 */
public final class ReverseExecution {
    /** gdb's console commands that run backwards, with their abbreviations, as the MI command each is. */
    public static final Map<String, String> CONSOLE_COMMANDS = Map.ofEntries(
            Map.entry("reverse-step", "exec-step"), Map.entry("rs", "exec-step"),
            Map.entry("reverse-next", "exec-next"), Map.entry("rn", "exec-next"),
            Map.entry("reverse-continue", "exec-continue"), Map.entry("rc", "exec-continue"),
            Map.entry("reverse-finish", "exec-finish"),
            Map.entry("reverse-stepi", "exec-step-instruction"), Map.entry("rsi", "exec-step-instruction"),
            Map.entry("reverse-nexti", "exec-next-instruction"), Map.entry("rni", "exec-next-instruction"));

    /** Each MI execution command, backwards. */
    private static final Map<String, Function<TimeTravel, CompletableFuture<StopEvent>>> BACKWARDS = Map.of(
            "-exec-continue", TimeTravel::reverseContinue,
            "-exec-next", TimeTravel::stepBackLine,
            "-exec-step", TimeTravel::stepBackIntoLine,
            "-exec-next-instruction", TimeTravel::stepBackOverInstruction,
            "-exec-step-instruction", TimeTravel::stepBackInstruction,
            "-exec-finish", TimeTravel::stepBackOut);

    private static final Set<String> STEPS = Set.of("-exec-next", "-exec-step", "-exec-next-instruction",
            "-exec-step-instruction", "-exec-finish");

    private ReverseExecution() {}

    /** Runs {@code command} (an MI execution command's name) backwards. */
    static MiResult run(MiSession s, String command) {
        if (!s.servesTrace()) throw unsupported();
        Target t = s.resumableTarget();
        TimeTravel travel = t.timeTravel().orElseThrow(ReverseExecution::unsupported);
        s.resumeBackwards(STEPS.contains(command) ? Intent.STEP : Intent.CONTINUE, () -> BACKWARDS.get(command).apply(travel));
        return MiResult.running();
    }

    /** Whether execution commands go backwards: asked with {@code --reverse}, or {@code exec-direction} is reverse. */
    static boolean wanted(MiSession s, boolean flag) {
        return flag || "reverse".equals(s.settings().get("exec-direction"));
    }

    /** {@code set exec-direction reverse}: only where the program can go backwards. */
    public static void checkDirection(MiSession s, String value) {
        if (value.strip().equals("reverse") && !s.servesTrace()) throw unsupported();
    }

    /** gdb's sentence for a target that cannot go backwards, then why and what would. */
    public static MiException unsupported() {
        return new MiException("Target native does not support this command.  Reverse execution needs a recorded run"
                + " (hindsight record, then hindsight build, then hindsight gdb --trace=DIR).");
    }

    /** gdb's {@code record} (full, btrace…): Hindsight records runs outside gdb. */
    public static MiException noInProcessRecording() {
        return new MiException("Hindsight does not record from inside gdb: record the run with hindsight record."
                + "  Reverse execution needs a recorded run (hindsight record, then hindsight build, then hindsight gdb --trace=DIR).");
    }
}
