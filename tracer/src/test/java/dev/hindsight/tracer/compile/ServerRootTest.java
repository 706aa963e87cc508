package dev.hindsight.tracer.compile;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.confine.ServerIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerRootTest {
    @Test
    void aServerRemovesWhatServersThatAreGoneLeftAndKeepsTheLiveOnes(@TempDir Path base) throws Exception {
        // A server that was SIGKILLed: its pid is no longer running with that start time.
        Path dead = base.resolve("hindsight-server-" + ProcessHandle.current().pid() + "-1");
        Path session = Files.createDirectories(dead.resolve("hindsight-abc/sub"));
        Files.writeString(session.resolve("main.c"), "int main(){}");
        Files.setPosixFilePermissions(session, PosixFilePermissions.fromString("---------"));
        // Another live server (this JVM's parent, whose identity we compute the same way).
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        Path liveOther = Files.createDirectories(base.resolve("hindsight-server-" + identityOf(parent)));
        Path unrelated = Files.createDirectories(base.resolve("hindsight-web-123"));

        Path mine = ServerRoot.create(base);

        assertFalse(Files.exists(dead), "a dead server's root is removed, even with a locked directory inside");
        assertTrue(Files.isDirectory(liveOther), "a running server's root is kept");
        assertTrue(Files.isDirectory(unrelated), "only hindsight-server-* roots are ours to judge");
        assertEquals(base.resolve("hindsight-server-" + ServerIdentity.current()), mine);
        assertEquals("rwx--x--x", PosixFilePermissions.toString(Files.getPosixFilePermissions(mine)));
        assertEquals(0, ServerRoot.removeStale(base), "our own root is live");
    }

    private static String identityOf(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return pid + "-" + stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19];
    }
}
