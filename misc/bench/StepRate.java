import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.Target;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Hindsight's engine single-step rate (step + registers, on the engine thread as `hindsight
 * trace` does). Usage: java -cp … StepRate.java PROGRAM MAIN_ADDRESS STEPS ROUNDS
 * Prints the best steps-per-second of ROUNDS rounds (the first round also warms the JIT up).
 */
public class StepRate {
    public static void main(String[] args) throws Exception {
        Path program = Path.of(args[0]);
        long main = Long.decode(args[1]);
        long steps = Long.parseLong(args[2]);
        int rounds = Integer.parseInt(args[3]);
        double best = 0;
        try (Target t = Target.launch(LaunchSpec.of(program))) {
            t.execution().runTo(main).get(30, TimeUnit.SECONDS);
            for (int r = 0; r < rounds; r++) {
                long[] sink = new long[1];
                long start = System.nanoTime();
                t.execution().trace(steps, (i, regs) -> {
                    sink[0] += regs.rip();
                    return true;
                }).get(10, TimeUnit.MINUTES);
                double rate = steps / ((System.nanoTime() - start) / 1e9);
                best = Math.max(best, rate);
            }
        }
        System.out.printf("%.0f%n", best);
    }
}
