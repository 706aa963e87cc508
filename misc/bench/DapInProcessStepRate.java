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
 * The DAP session engine driven in process (no transport, no other process): the reference that
 * web-step-rate.sh and dap-step-rate.sh divide by. Prints "RATE n" (round trips per second).
 * Two modes, so that each bench compares like with like:
 * <ul>
 *   <li>{@code bare} (the default; web-step-rate.sh): stepIn -> stopped.</li>
 *   <li>{@code full} (dap-step-rate.sh): the round trip its DAP clients make, stepIn -> stopped,
 *       stackTrace of the top frame, its scopes, the Registers scope's variables (each answer
 *       awaited and checked before the next request, as the client does). Until this mode existed
 *       dap-step-rate.sh divided its four-request round trip by the bare one's rate.</li>
 * </ul>
 * The ids are picked out of the answers with small patterns, not a JSON parser: a client's parsing
 * runs in another process in the DAP benches, and must not slow the reference here.
 * Usage: java -cp dap-server classes and libs DapInProcessStepRate.java SOURCE STEPS [bare|full]
 */
public class DapInProcessStepRate {
    private static final Pattern FRAME_ID = Pattern.compile("\"stackFrames\":\\[\\{\"id\":(\\d+)");
    private static final Pattern REGISTERS = Pattern.compile("\"name\":\"Registers\"[^}]*?\"variablesReference\":(\\d+)");

    public static void main(String[] args) throws Exception {
        Path temp = Files.createTempDirectory("hindsight-bench-");
        BlockingQueue<String> fromEngine = new LinkedBlockingQueue<>();
        boolean full = args.length > 2 && args[2].equals("full");
        try (DapSession s = DapSession.create(new DapSessionOptions(false, false, temp))) {
            s.connect(fromEngine::add);
            String text = Files.readString(Path.of(args[0]))
                    .replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
            s.receive("{\"seq\":1,\"type\":\"request\",\"command\":\"initialize\",\"arguments\":{\"adapterID\":\"bench\"}}");
            s.receive("{\"seq\":2,\"type\":\"request\",\"command\":\"launch\",\"arguments\":{\"stopOnEntry\":true,"
                    + "\"sources\":[{\"name\":\"spin.c\",\"text\":\"" + text + "\"}]}}");
            s.receive("{\"seq\":3,\"type\":\"request\",\"command\":\"configurationDone\"}");
            String thread = awaitStop(fromEngine).replaceAll("(?s).*\"threadId\":(\\d+).*", "$1");
            int steps = Integer.parseInt(args[1]);
            long start = 0;
            int warmup = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", "2000")); // as the WebSocket clients do
            int seq = 10;
            for (int i = 0; i < steps + warmup; i++) {
                if (i == warmup) start = System.nanoTime();
                s.receive("{\"seq\":" + seq++ + ",\"type\":\"request\",\"command\":\"stepIn\",\"arguments\":{\"threadId\":"
                        + thread + ",\"granularity\":\"instruction\"}}");
                awaitStop(fromEngine);
                if (!full) continue;
                s.receive("{\"seq\":" + seq + ",\"type\":\"request\",\"command\":\"stackTrace\",\"arguments\":{\"threadId\":"
                        + thread + ",\"startFrame\":0,\"levels\":1}}");
                String frame = pick(FRAME_ID, awaitResponse(fromEngine, seq++));
                s.receive("{\"seq\":" + seq + ",\"type\":\"request\",\"command\":\"scopes\",\"arguments\":{\"frameId\":" + frame + "}}");
                String registers = pick(REGISTERS, awaitResponse(fromEngine, seq++));
                s.receive("{\"seq\":" + seq + ",\"type\":\"request\",\"command\":\"variables\",\"arguments\":{\"variablesReference\":"
                        + registers + "}}");
                if (!awaitResponse(fromEngine, seq++).contains("\"name\":\"rip\"")) throw new IllegalStateException("no rip");
            }
            System.out.printf("RATE %.0f%n", steps / ((System.nanoTime() - start) / 1e9));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String awaitStop(BlockingQueue<String> messages) throws InterruptedException {
        while (true) {
            String m = next(messages);
            if (m.contains("\"event\":\"stopped\"")) return m;
        }
    }

    /** The successful response to request {@code seq} (its step's stopped event is already taken). */
    private static String awaitResponse(BlockingQueue<String> messages, int seq) throws InterruptedException {
        String answer = "\"request_seq\":" + seq + ",";
        while (true) {
            String m = next(messages);
            if (!m.contains(answer)) continue;
            if (!m.contains("\"success\":true")) throw new IllegalStateException("failed: " + m);
            return m;
        }
    }

    private static String next(BlockingQueue<String> messages) throws InterruptedException {
        String m = messages.poll(30, TimeUnit.SECONDS);
        if (m == null) throw new IllegalStateException("no answer from the engine in 30 s");
        return m;
    }

    private static String pick(Pattern p, String json) {
        Matcher m = p.matcher(json);
        if (!m.find()) throw new IllegalStateException("not found: " + p + " in " + json);
        return m.group(1);
    }
}
