import dev.hindsight.tracer.backend.Resume;
import dev.hindsight.tracer.record.Recorder;
import dev.hindsight.tracer.replay.RecordedTrace;
import dev.hindsight.tracer.replay.ReplayBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Single-step rate of a replay (step + registers, as the index builder and DAP stepping on a
 * replay do): records PROGRAM, replays it to MAIN_ADDRESS, then steps. Usage:
 * java -cp … ReplayStepRate.java PROGRAM MAIN_ADDRESS STEPS ROUNDS (prints the best steps/s).
 */
public class ReplayStepRate {
    public static void main(String[] args) throws Exception {
        Path program = Path.of(args[0]);
        long main = Long.decode(args[1]);
        long steps = Long.parseLong(args[2]);
        int rounds = Integer.parseInt(args[3]);
        Path dir = Files.createTempDirectory("hindsight-bench-trace");
        Path trace = dir.resolve("trace");
        Recorder.record(Recorder.Options.of(program, List.of()).withTraceDir(trace));
        double best = 0;
        try (ReplayBackend r = ReplayBackend.start(RecordedTrace.open(trace), null)) {
            r.insertBreakpoint(main);
            r.resume(Resume.proceed(r.pid())).get(60, TimeUnit.SECONDS);
            r.removeBreakpoint(main);
            for (int round = 0; round < rounds; round++) {
                long[] sink = new long[1];
                long start = System.nanoTime();
                r.trace(r.pid(), steps, (i, regs) -> {
                    sink[0] += regs.rip();
                    return true;
                }).get(10, TimeUnit.MINUTES);
                best = Math.max(best, steps / ((System.nanoTime() - start) / 1e9));
            }
        }
        System.out.printf("%.0f%n", best);
    }
}
