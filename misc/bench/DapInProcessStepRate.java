import dev.hindsight.dap.DapSession;
import dev.hindsight.dap.DapSessionOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The reference for web-step-rate: the same DAP session engine driven in process (no WebSocket,
 * no other process), stepIn -> stopped round trips per second. Prints "RATE n".
 * Usage: java -cp dap-server classes and libs DapInProcessStepRate.java SOURCE STEPS
 */
public class DapInProcessStepRate {
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
            String thread = awaitStop(fromEngine).replaceAll("(?s).*\"threadId\":(\\d+).*", "$1");
            int steps = Integer.parseInt(args[1]);
            long start = 0;
            int warmup = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", "2000")); // as the WebSocket clients do
            for (int i = 0; i < steps + warmup; i++) {
                if (i == warmup) start = System.nanoTime();
                s.receive("{\"seq\":" + (10 + i) + ",\"type\":\"request\",\"command\":\"stepIn\",\"arguments\":{\"threadId\":"
                        + thread + ",\"granularity\":\"instruction\"}}");
                awaitStop(fromEngine);
            }
            System.out.printf("RATE %.0f%n", steps / ((System.nanoTime() - start) / 1e9));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String awaitStop(BlockingQueue<String> messages) throws InterruptedException {
        while (true) {
            String m = messages.poll(30, TimeUnit.SECONDS);
            if (m == null) throw new IllegalStateException("no stopped event");
            if (m.contains("\"event\":\"stopped\"")) return m;
        }
    }
}
