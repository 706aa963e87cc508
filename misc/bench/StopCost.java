import dev.hindsight.dap.DapSession;
import dev.hindsight.dap.DapSessionOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine's work per DAP instruction-step round trip, without a client or a wire: the DAP
 * session driven in process (as DapInProcessStepRate does), four requests per round as an editor
 * sends them after each step: stepIn (instruction) and its stopped event, stackTrace (one level),
 * scopes of the top frame, the Registers scope's variables. Prints "RATE n" (round trips per
 * second over STEPS, after BENCH_WARMUP untimed ones) and "CPU_US n" (this JVM's CPU time per
 * round trip). stop-cost.sh runs two builds alternately.
 * Usage: java -cp DAP_SERVER_JAR:LIBS StopCost.java SOURCE STEPS   (STOPCOST_JFR=FILE.jfr profiles the timed rounds)
 */
public class StopCost {
    private static final Pattern FRAME_ID = Pattern.compile("\"stackFrames\":\\[\\{\"id\":(\\d+)");
    private static final Pattern REGISTERS = Pattern.compile("\"name\":\"Registers\"[^}]*?\"variablesReference\":(\\d+)");

    private static int seq = 10;

    public static void main(String[] args) throws Exception {
        Path temp = Files.createTempDirectory("hindsight-bench-");
        BlockingQueue<String> fromEngine = new LinkedBlockingQueue<>();
        try (DapSession s = DapSession.create(new DapSessionOptions(false, false, temp))) {
            s.connect(fromEngine::add);
            String text = Files.readString(Path.of(args[0]))
                    .replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
            s.receive("{\"seq\":1,\"type\":\"request\",\"command\":\"initialize\",\"arguments\":{\"adapterID\":\"bench\"}}");
            s.receive("{\"seq\":2,\"type\":\"request\",\"command\":\"launch\",\"arguments\":{\"stopOnEntry\":true,"
                    + "\"sources\":[{\"name\":\"spin.c\",\"text\":\"" + text + "\"}]}}");
            s.receive("{\"seq\":3,\"type\":\"request\",\"command\":\"configurationDone\"}");
            String thread = await(fromEngine, "\"event\":\"stopped\"").replaceAll("(?s).*\"threadId\":(\\d+).*", "$1");
            int steps = Integer.parseInt(args[1]);
            int warmup = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", "2000"));
            for (int i = 0; i < warmup; i++) round(s, fromEngine, thread);
            // STOPCOST_JFR=FILE: a JFR recording (1 ms samples) of the timed rounds only.
            String jfr = System.getenv("STOPCOST_JFR");
            jdk.jfr.Recording recording = jfr == null ? null : new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            if (recording != null) {
                recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(1));
                recording.start();
            }
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) round(s, fromEngine, thread);
            double seconds = (System.nanoTime() - start) / 1e9;
            cpu = os.getProcessCpuTime() - cpu;
            if (recording != null) {
                recording.stop();
                recording.dump(Path.of(jfr));
            }
            System.out.printf("RATE %.0f%n", steps / seconds);
            // This JVM's CPU (all its threads, user and system, the ptrace calls' kernel time too) per
            // round trip: on a loaded machine less noisy than the rate, which waits for a CPU as well.
            System.out.printf("CPU_US %.1f%n", cpu / 1e3 / steps);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void round(DapSession s, BlockingQueue<String> in, String thread) throws InterruptedException {
        request(s, "stepIn", "{\"threadId\":" + thread + ",\"granularity\":\"instruction\"}");
        await(in, "\"event\":\"stopped\"");
        String frames = response(s, in, "stackTrace", "{\"threadId\":" + thread + ",\"startFrame\":0,\"levels\":1}");
        String scopes = response(s, in, "scopes", "{\"frameId\":" + group(FRAME_ID, frames) + "}");
        String regs = response(s, in, "variables", "{\"variablesReference\":" + group(REGISTERS, scopes) + "}");
        if (!regs.contains("\"name\":\"rip\"")) throw new IllegalStateException("no rip: " + regs);
    }

    private static void request(DapSession s, String command, String arguments) {
        s.receive("{\"seq\":" + (++seq) + ",\"type\":\"request\",\"command\":\"" + command + "\",\"arguments\":" + arguments + "}");
    }

    private static String response(DapSession s, BlockingQueue<String> in, String command, String arguments)
            throws InterruptedException {
        request(s, command, arguments);
        return await(in, "\"request_seq\":" + seq + ",");
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) throw new IllegalStateException(p + " not in " + text);
        return m.group(1);
    }

    private static String await(BlockingQueue<String> messages, String marker) throws InterruptedException {
        while (true) {
            String m = messages.poll(30, TimeUnit.SECONDS);
            if (m == null) throw new IllegalStateException("nothing with " + marker);
            if (m.contains(marker)) return m;
        }
    }
}
