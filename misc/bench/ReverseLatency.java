import dev.hindsight.dap.DapSession;
import dev.hindsight.dap.DapSessionOptions;
import dev.hindsight.index.build.Builder;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.record.Recorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reverse-execution latency over DAP, in process (the session engine reverse-latency.sh's gdb
 * figures are set beside): a run of PROGRAM ITERATIONS recorded and built, then, at random times
 * (reached by hindsight/goto, not timed), the request -> stopped (or response) round trip of
 * reverseContinue to a rare breakpoint (printf: 5 calls in the run) and to a hot one (the loop line,
 * every iteration), stepBack by line and by instruction, and hindsight/executions of the loop line
 * (a page of 10 at a random place, with two expressions).
 * Usage: java -cp dap-server classes and libs ReverseLatency.java PROGRAM SOURCE LOOP_LINE ITERATIONS WORKDIR SHARDS SAMPLES
 * Prints RECORD s, BUILD instructions s, then per measure "NAME median_ms max_ms mean_instructions_moved slowest_time
 * median_session_cpu_ms".
 */
public class ReverseLatency {
    static final Pattern BODY_TIME = Pattern.compile("\"time\":(\\d+)");
    static BlockingQueue<String> in = new LinkedBlockingQueue<>();
    static java.util.ArrayDeque<String> stops = new java.util.ArrayDeque<>();
    static DapSession s;
    static int seq = 1;
    static String thread;

    public static void main(String[] args) throws Exception {
        Path program = Path.of(args[0]);
        String source = args[1];
        int loopLine = Integer.parseInt(args[2]);
        Path work = Path.of(args[4]);
        int shards = Integer.parseInt(args[5]), samples = Integer.parseInt(args[6]);
        Path trace = work.resolve("trace");
        String given = System.getenv("BENCH_TRACE"); // a trace of the same program, built before: measure it as it is
        if (given != null && !given.isEmpty()) {
            trace = Path.of(given);
            try (var index = dev.hindsight.index.IndexReader.open(trace)) {
                System.out.printf("RECORD 0%nBUILD %d 0%n", index.instructionCount());
            }
        } else {
            long t0 = System.nanoTime();
            Recorder.record(Recorder.Options.of(program, List.of(args[3])).withTraceDir(trace)
                    .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL));
            System.out.printf("RECORD %.3f%n", (System.nanoTime() - t0) / 1e9);
            Builder.Result built = Builder.build(trace, shards, null, false);
            System.out.printf("BUILD %d %.3f%n", built.instructions(), built.seconds());
        }

        Path temp = Files.createTempDirectory(work, "session");
        s = DapSession.create(new DapSessionOptions(false, true, temp));
        s.connect(in::add);
        request("initialize", "{\"adapterID\":\"bench\"}");
        request("launch", "{\"trace\":\"" + trace + "\",\"stopOnEntry\":true}");
        request("configurationDone", "{}");
        thread = field(awaitStopped(), "threadId");
        long length = Long.parseLong(field(request("stopState", "{\"levels\":1}"), "length"));
        Random random = new Random(1);
        String src = "{\"path\":\"" + source + "\"}";

        request("setFunctionBreakpoints", "{\"breakpoints\":[{\"name\":\"printf\"}]}");
        measure("reverseContinue-rare", samples, random, length, () -> move("reverseContinue", ""));
        request("setFunctionBreakpoints", "{\"breakpoints\":[]}");
        request("setBreakpoints", "{\"source\":" + src + ",\"breakpoints\":[{\"line\":" + loopLine + "}]}");
        measure("reverseContinue-hot", samples, random, length, () -> move("reverseContinue", ""));
        request("setBreakpoints", "{\"source\":" + src + ",\"breakpoints\":[]}");
        measure("stepBack-line", samples, random, length, () -> move("stepBack", ",\"granularity\":\"line\""));
        measure("stepBack-instruction", samples, random, length, () -> move("stepBack", ",\"granularity\":\"instruction\""));
        long total = Long.parseLong(field(request("hindsight/executions", "{\"source\":" + src + ",\"line\":" + loopLine + ",\"count\":0}"), "total"));
        measure("executions", samples, random, length, () -> {
            request("hindsight/executions", "{\"source\":" + src + ",\"line\":" + loopLine + ",\"expressions\":[\"i\",\"acc\"],\"start\":"
                    + (long) (random.nextDouble() * (total - 10)) + ",\"count\":10}");
        });
        System.out.printf("EXECUTIONS_TOTAL %d%n", total);
        s.close();
    }

    interface Op { void run() throws Exception; }

    /** At SAMPLES random times: goto there (untimed), then time op. */
    static void measure(String name, int samples, Random random, long length, Op op) throws Exception {
        double[] ms = new double[samples], cpu = new double[samples];
        long moved = 0, slowestAt = 0;
        double slowest = -1;
        for (int i = 0; i < samples; i++) {
            long at = (long) (random.nextDouble() * (length - 1));
            move("hindsight/goto", ",\"time\":" + at);
            long c0 = sessionCpu();
            long st = System.nanoTime();
            op.run();
            ms[i] = (System.nanoTime() - st) / 1e6;
            cpu[i] = (sessionCpu() - c0) / 1e6;
            if (ms[i] > slowest) {
                slowest = ms[i];
                slowestAt = at;
            }
            moved += Math.abs(at - Long.parseLong(field(request("stopState", "{\"levels\":1}"), "time")));
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        System.out.printf("%s %.3f %.3f %d %d %.3f%n", name, ms[samples / 2], ms[samples - 1], moved / samples, slowestAt, cpu[samples / 2]);
    }

    /**
     * CPU time of the session's thread (where requests are answered), in ns: on a loaded VM the
     * wall time is mostly waiting for a core, this is the work itself.
     */
    static long sessionCpu() {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (Thread t : Thread.getAllStackTraces().keySet()) if (t.getName().startsWith("dap-session")) return mx.getThreadCpuTime(t.getId());
        return 0;
    }

    static void move(String command, String extra) throws Exception {
        request(command, "{\"threadId\":" + thread + extra + "}");
        awaitStopped();
    }

    static String request(String command, String arguments) throws Exception {
        int id = seq++;
        s.receive("{\"seq\":" + id + ",\"type\":\"request\",\"command\":\"" + command + "\",\"arguments\":" + arguments + "}");
        while (true) {
            String m = poll();
            if (m.contains("\"request_seq\":" + id + ",")) {
                if (!m.contains("\"success\":true")) throw new IllegalStateException(command + " failed: " + m);
                return m;
            }
            if (m.contains("\"event\":\"stopped\"")) stops.add(m); // a stop that came first: kept for awaitStopped
        }
    }

    static String awaitStopped() throws Exception {
        if (!stops.isEmpty()) return stops.poll();
        while (true) {
            String m = poll();
            if (m.contains("\"event\":\"stopped\"")) return m;
        }
    }

    static String poll() throws Exception {
        String m = in.poll(600, TimeUnit.SECONDS);
        if (m == null) throw new IllegalStateException("no answer");
        return m;
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?(\\d+)").matcher(json);
        if (!m.find()) throw new IllegalStateException("no " + name + " in " + json);
        return m.group(1);
    }
}
