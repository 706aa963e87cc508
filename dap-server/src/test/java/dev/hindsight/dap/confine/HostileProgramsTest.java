package dev.hindsight.dap.confine;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import dev.hindsight.dap.DapSessionOptions;
import dev.hindsight.dap.testing.DapTestClient;
import dev.hindsight.dap.testing.Eventually;
import dev.hindsight.dap.testing.Programs;
import dev.hindsight.tracer.confine.Confinement;
import dev.hindsight.tracer.confine.SandboxLimits;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Web sessions (inline sources only) confined as {@code hindsight serve} confines them, each
 * running one attack of {@code hostile/hostile.c}. Every test checks that the attempt failed; after
 * each, that the session left no process and no file behind and that a new session still compiles
 * and runs a program.
 */
@Timeout(180)
class HostileProgramsTest {
    static final SandboxLimits LIMITS = SandboxLimits.DEFAULTS.withMemoryBytes(128L << 20).withCpuSeconds(2)
            .withProcesses(32).withFileSizeBytes(16L << 20);
    static Confinement confinement;
    static Path root;

    @BeforeAll
    static void confine() throws IOException {
        root = Files.createTempDirectory("hindsight-hostile-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
        confinement = Confinement.create(LIMITS, root);
    }

    @AfterAll
    static void removeRoot() throws IOException {
        dev.hindsight.tracer.compile.SessionDirectory.deleteRecursively(root);
    }

    static DapTestClient session() {
        return DapTestClient.inProcess(new DapSessionOptions(false, false, root, confinement));
    }

    static Map<String, Object> hostile(boolean stopOnEntry, String... args) {
        return Map.of("sources", List.of(Map.of("name", "hostile.c", "text", Programs.read("hostile/hostile.c"))),
                "args", List.of(args), "stopOnEntry", stopOnEntry);
    }

    /** Runs one attack to its end; returns its stdout and the adapter's console lines. */
    static String run(String... args) {
        try (DapTestClient c = session()) {
            c.launch(hostile(false, args));
            c.exited();
            c.event("terminated");
            return c.output("stdout") + c.output("console");
        }
    }

    static void assertAllBlocked(String out, int attempts) {
        assertFalse(out.contains("ESCAPED"), out);
        assertEquals(attempts, out.lines().filter(l -> l.startsWith("blocked: ")).count(), out);
    }

    @AfterEach
    void nothingIsLeftAndTheServerStillServes() throws Exception {
        Eventually.holds("no process of a session user is left", 5_000, () -> SessionProcesses.list().isEmpty(),
                SessionProcesses::list);
        // The server's own seccomp program stays; a session's directory must not.
        Eventually.holds("no session directory is left", 5_000,
                () -> list(root).stream().allMatch(p -> p.getFileName().toString().startsWith("seccomp-")), () -> list(root));
        try (DapTestClient c = session()) {
            c.launch(Map.of("sources", List.of(Map.of("name", "ok.c", "text", "int main(void){return 7;}\n"))));
            assertEquals(7, c.exited().get("exitCode").getAsInt());
        }
    }

    static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void secretsOfTheServerAndOfOtherSessionsAreOutOfReach() throws Exception {
        try (DapTestClient other = session()) {
            other.launch(Map.of("sources", List.of(Map.of("name", "secret.c", "text", "int main(void){return 0;}\n")),
                    "stopOnEntry", true));
            Path otherSource = Files.walk(root).filter(p -> p.getFileName().toString().equals("secret.c")).findFirst()
                    .orElseThrow();
            long server = ProcessHandle.current().pid();
            String out = run("secrets", otherSource.toString(), "/proc/" + server + "/environ",
                    "/proc/" + server + "/cmdline", "/proc/" + server + "/mem");
            // shadow, bash history, the four named paths
            assertAllBlocked(out, 6);
            String parentEnvironment = out.lines().filter(l -> l.startsWith("parent environment: ")).findFirst()
                    .orElseThrow();
            System.getenv().forEach((k, v) -> {
                if (!k.equals("PATH")) assertFalse(parentEnvironment.contains(k + "=" + v), k + " leaked: " + parentEnvironment);
            });
        }
    }

    @Test
    void writesOutsideTheSessionDirectoryFail() throws Exception {
        Path home = Path.of(System.getProperty("user.dir"), "hindsight-escape");
        String out = run("write", home.toString(), "/hindsight-escape");
        assertAllBlocked(out, 4);
        assertFalse(Files.exists(home));
        assertFalse(Files.exists(Path.of("/usr/hindsight-escape")));
    }

    @Test
    void noNetworkNotEvenTheHostsLoopback() throws Exception {
        int listenPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            listenPort = probe.getLocalPort();
        }
        try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
             DapTestClient c = session()) {
            c.launch(hostile(false, "network", Integer.toString(server.getLocalPort()), Integer.toString(listenPort)));
            c.event("output", 0, e -> e.getAsJsonObject("body").get("output").getAsString().contains("listening"));
            assertAllBlocked(c.output("stdout"), 1);
            // Whatever it listens on is in its own network namespace: nothing outside reaches it.
            try (Socket s = new Socket()) {
                assertThrows(ConnectException.class, () -> s.connect(new InetSocketAddress("127.0.0.1", listenPort), 2_000));
            }
            c.request("terminate", null);
            c.event("terminated");
        }
    }

    @Test
    void theServerCanBeNeitherSignalledNorTracedAndNamespacesStayClosed() {
        String out = run("signal", Long.toString(ProcessHandle.current().pid()));
        // kill and ptrace of the server, TRACEME, unshare, mount, bpf
        assertAllBlocked(out, 6);
    }

    @Test
    void itRunsInNamespacesOfItsOwnWithoutCapabilitiesUnderSeccomp() throws Exception {
        String out = run("identity");
        for (String ns : List.of("user", "pid", "net", "mnt", "ipc", "uts")) {
            String ours = Files.readSymbolicLink(Path.of("/proc/self/ns/" + ns)).toString();
            String line = out.lines().filter(l -> l.startsWith("ns " + ns + " ")).findFirst().orElseThrow(() -> new AssertionError(out));
            assertTrue(line.matches("ns " + ns + " " + ns + ":\\[\\d+\\]"), line);
            assertNotEquals("ns " + ns + " " + ours, line, ns + " namespace shared with the server");
        }
        assertTrue(out.contains("CapPrm:\t0000000000000000\n"), out);
        assertTrue(out.contains("CapEff:\t0000000000000000\n"), out);
        assertTrue(out.contains("NoNewPrivs:\t1\n"), out);
        assertTrue(out.contains("Seccomp:\t2\n"), "in seccomp filter mode: " + out);
        assertTrue(out.contains("hostname hindsight\n"), out);
    }

    @Test
    void aProgramThatKillsItsParentOnlyEndsItself() {
        assertTrue(run("killparent").contains("still here"));
    }

    @Test
    void aForkBombIsBoundedAndEverythingDiesWithTheSession() {
        try (DapTestClient c = session()) {
            c.launch(hostile(false, "forkbomb"));
            c.event("output", 0, e -> e.getAsJsonObject("body").get("output").getAsString().contains("forking"));
            // The sandbox's two bubblewrap processes count too.
            Eventually.holds("the bomb reaches the process limit", 20_000,
                    () -> bombs() >= LIMITS.processes() - 2, SessionProcesses::list);
            assertTrue(bombs() <= LIMITS.processes() - 2, SessionProcesses.list().toString());
            int m = c.mark();
            long start = System.nanoTime();
            c.request("pause", Map.of("threadId", 1));
            JsonObject stopped = c.stopped(m);
            System.out.printf("pause during a fork bomb: %d ms%n", (System.nanoTime() - start) / 1_000_000);
            assertEquals("pause", stopped.get("reason").getAsString());
            start = System.nanoTime();
            c.request("disconnect", Map.of("terminateDebuggee", true));
        }
        long start = System.nanoTime();
        Eventually.holds("every process of the bomb is gone", 10_000, () -> SessionProcesses.list().isEmpty(),
                SessionProcesses::list);
        System.out.printf("fork bomb gone %d ms after the session ended%n", (System.nanoTime() - start) / 1_000_000);
    }

    static long bombs() {
        return SessionProcesses.list().stream().filter(p -> p.endsWith(":hostile")).count();
    }

    @Test
    void aMemoryHogIsStoppedAtTheLimitAndTheUserIsToldWhy() {
        String out = run("memory");
        assertTrue(out.contains("[program stopped: memory limit of 128 MiB reached (SIGKILL)]"), out);
    }

    @Test
    void anEndlessLoopIsStoppedByTheCpuLimit() {
        String out = run("spin");
        assertTrue(out.contains("[program stopped: CPU time limit of 2 s reached (SIGXCPU)]"), out);
    }

    @Test
    void aHugeFileIsStoppedByTheFileSizeLimit() {
        String out = run("bigfile");
        assertTrue(out.contains("[program stopped: file size limit of 16 MiB reached (SIGXFSZ)]"), out);
    }

    @Test
    void aStackBombIsASegmentationFaultShownAtItsPlace() {
        try (DapTestClient c = session()) {
            c.launch(hostile(false, "stack"));
            JsonObject stopped = c.stopped(0);
            assertEquals("exception", stopped.get("reason").getAsString(), stopped.toString());
            assertTrue(c.request("exceptionInfo", Map.of("threadId", stopped.get("threadId").getAsInt()))
                    .get("exceptionId").getAsString().contains("SIGSEGV"));
        }
    }

    @Test
    void theCompilerCannotReadTheServersFilesOrLoadPlugins() {
        try (DapTestClient c = session()) {
            c.initialize();
            String include = c.error("launch", Map.of("sources", List.of(Map.of("name", "inc.c",
                    "text", "#include \"/etc/shadow\"\nint main(void){return 0;}\n"))));
            assertTrue(include.contains("'/etc/shadow' file not found"), include);
            List<String> refused = new ArrayList<>();
            for (String flag : List.of("-fpass-plugin=libm.so.6", "-fplugin=libm.so.6", "-fuse-ld=/tmp/ld",
                    "-fsanitize-ignorelist=/etc/shadow", "-Xclang", "--ld-path=/tmp/ld")) {
                String e = c.error("launch", Map.of("sources", List.of(Map.of("name", "m.c", "text", "int main(void){}\n")),
                        "compilerArgs", List.of(flag)));
                if (e.contains("not allowed")) refused.add(flag);
            }
            assertEquals(6, refused.size(), refused.toString());
        }
    }
}
