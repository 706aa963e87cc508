package dev.hindsight.tracer.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Temp files are removed, even after a crash of the server": a real process holding a session
 * directory ({@link HoldsSessionDirectory}) is ended by a signal, and what it leaves is gone by the
 * time the next process has started a session in the same temp directory; a live process's
 * directory is never touched.
 */
@Timeout(180)
class LeftSessionDirectoriesTest {
    @Test
    void aProcessKilledWithSigkillLeavesItsDirectoryOnlyUntilTheNextSessionStarts(@TempDir Path base) throws Exception {
        Process holder = hold(base);
        Path left = Path.of(firstLine(holder));
        assertTrue(Files.isRegularFile(left.resolve("main.c")), "the holder wrote into its directory");
        holder.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(holder.waitFor(60, TimeUnit.SECONDS), "the holder died");
        assertTrue(Files.isDirectory(left), "SIGKILL leaves the directory behind");
        // A live process's directory (this JVM's parent, named as SessionDirectory names it) and a
        // name whose owner cannot be told (the form before owners were named) are not ours to remove.
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        Path live = Files.createDirectories(base.resolve("hindsight-" + identityOf(parent) + "-123"));
        Path unknown = Files.createDirectories(base.resolve("hindsight-4242424242"));

        try (SessionDirectory next = SessionDirectory.create(Map.of("TMPDIR", base.toString())::get)) {
            assertFalse(Files.exists(left), "the killed process's directory is removed when the next session starts");
            assertTrue(Files.isDirectory(live), "a live process's directory is kept");
            assertTrue(Files.isDirectory(unknown), "a directory whose owner cannot be told is kept");
            assertEquals(0, SessionDirectory.removeStale(base), "nothing stale is left, our own directory is live");
            assertTrue(Files.isDirectory(next.path()));
        }
    }

    @Test
    void aProcessEndedBySigtermRemovesItsDirectory(@TempDir Path base) throws Exception {
        Process holder = hold(base);
        Path dir = Path.of(firstLine(holder));
        assertTrue(Files.isDirectory(dir));
        holder.destroy(); // SIGTERM: the process never closes the directory itself
        assertTrue(holder.waitFor(60, TimeUnit.SECONDS), "the holder ended");
        assertFalse(Files.exists(dir), "removed by the shutdown hook: " + listing(base));
    }

    @Test
    void aServerKilledWithSigkillLeavesItsRootOnlyUntilTheNextServerStarts(@TempDir Path base) throws Exception {
        Process server = hold(base, "root");
        Path session = Path.of(firstLine(server));
        Path root = session.getParent();
        assertTrue(root.getFileName().toString().startsWith("hindsight-server-"), root.toString());
        server.destroyForcibly();
        assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server died");
        assertTrue(Files.isRegularFile(session.resolve("main.c")), "SIGKILL leaves the root and its sessions behind");

        Path mine = ServerRoot.create(base);

        assertFalse(Files.exists(root), "the killed server's root is removed when the next server starts");
        assertTrue(Files.isDirectory(mine));
    }

    @Test
    void aServerThatExitsRemovesItsRootAndTheSessionsItStillHeld(@TempDir Path base) throws Exception {
        Process server = hold(base, "root");
        Path session = Path.of(firstLine(server));
        assertTrue(Files.isRegularFile(session.resolve("main.c")));
        server.getOutputStream().close(); // the holder's main returns: the JVM exits normally, nothing closed
        assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server ended");
        assertEquals(0, server.exitValue());
        try (var left = Files.list(base)) {
            assertEquals(List.of(), left.toList(), "nothing left in the temp directory");
        }
    }

    private static Process hold(Path base, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldsSessionDirectory.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        b.environment().remove("HINDSIGHT_TMPDIR");
        b.environment().put("TMPDIR", base.toString());
        return b.start();
    }

    private static String firstLine(Process p) throws Exception {
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertTrue(line != null, "the holder printed its directory");
        return line;
    }

    private static String identityOf(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return pid + "-" + stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19];
    }

    private static String listing(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            return files.map(Path::toString).toList().toString();
        }
    }
}
