package dev.hindsight.tracer.compile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionDirectoryTest {

    @Test
    void hindsightTmpdirWinsOverTmpdir(@TempDir Path a, @TempDir Path b) throws Exception {
        Map<String, String> env = Map.of("HINDSIGHT_TMPDIR", a.toString(), "TMPDIR", b.toString());
        try (SessionDirectory session = SessionDirectory.create(env::get)) {
            assertEquals(a.toRealPath(), session.path().getParent());
        }
    }

    @Test
    void tmpdirIsUsedWhenHindsightTmpdirIsUnset(@TempDir Path b) throws Exception {
        try (SessionDirectory session = SessionDirectory.create(Map.of("TMPDIR", b.toString())::get)) {
            assertEquals(b.toRealPath(), session.path().getParent());
        }
    }

    @Test
    void fallsBackToSlashTmp() {
        assertEquals(Paths.get("/tmp"), SessionDirectory.baseDirectory(name -> null));
        assertEquals(Paths.get("/tmp"), SessionDirectory.baseDirectory(Map.of("TMPDIR", " ")::get));
    }

    @Test
    void isPrivateAndUnguessablyNamed(@TempDir Path base) throws Exception {
        try (SessionDirectory one = SessionDirectory.create(Map.of("TMPDIR", base.toString())::get);
             SessionDirectory two = SessionDirectory.create(Map.of("TMPDIR", base.toString())::get)) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(one.path())));
            String name = one.path().getFileName().toString();
            assertTrue(name.startsWith("hindsight-"), name);
            assertTrue(name.length() >= "hindsight-".length() + 10, "name too short to be unguessable: " + name);
            assertNotEquals(one.path(), two.path());
        }
    }

    @Test
    void closeRemovesEverythingTheProgramLeftBehind(@TempDir Path base) throws Exception {
        SessionDirectory session = SessionDirectory.create(Map.of("TMPDIR", base.toString())::get);
        Path dir = session.path();
        Path nested = Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(nested.resolve("data.txt"), "x");
        Path readOnlyFile = Files.writeString(dir.resolve("ro.txt"), "y");
        Files.setPosixFilePermissions(readOnlyFile, PosixFilePermissions.fromString("r--------"));
        Files.setPosixFilePermissions(nested, PosixFilePermissions.fromString("r-x------"));
        Path locked = Files.createDirectories(dir.resolve("locked/inner"));
        Files.writeString(locked.resolve("f"), "z");
        Files.setPosixFilePermissions(locked.getParent(), PosixFilePermissions.fromString("---------"));
        session.close();
        session.close(); // idempotent
        assertFalse(Files.exists(dir));
    }

    @Test
    void closeNeverFollowsSymlinksOutOfTheDirectory(@TempDir Path base, @TempDir Path outside) throws Exception {
        Path precious = Files.writeString(outside.resolve("precious.txt"), "keep me");
        Path preciousDir = Files.createDirectories(outside.resolve("dir"));
        Files.writeString(preciousDir.resolve("inner.txt"), "keep me too");
        SessionDirectory session = SessionDirectory.create(Map.of("TMPDIR", base.toString())::get);
        Files.createSymbolicLink(session.path().resolve("file-link"), precious);
        Files.createSymbolicLink(session.path().resolve("dir-link"), preciousDir);
        session.close();
        assertFalse(Files.exists(session.path()));
        assertEquals("keep me", Files.readString(precious));
        assertEquals("keep me too", Files.readString(preciousDir.resolve("inner.txt")));
    }

    @Test
    void noexecMountIsDetected(@TempDir Path dir) throws Exception {
        Path mountinfo = dir.resolve("mountinfo");
        Files.writeString(mountinfo, String.join("\n",
                "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
                "30 22 0:26 / /tmp rw,nosuid,nodev,noexec,relatime shared:5 - tmpfs tmpfs rw",
                "31 30 0:27 / /tmp/exec\\040ok rw,relatime shared:6 - tmpfs tmpfs rw", ""));
        MountTable table = MountTable.parse(mountinfo).orElseThrow();
        assertTrue(table.isNoexec(Paths.get("/tmp/hindsight-1")));
        assertFalse(table.isNoexec(Paths.get("/tmp/exec ok/hindsight-1")));
        assertFalse(table.isNoexec(Paths.get("/home/user")));
        assertTrue(MountTable.parse(dir.resolve("missing")).isEmpty());
    }

    @Test
    void realSessionReportsNoexecOnlyWhenItIs(@TempDir Path base) throws Exception {
        try (SessionDirectory session = SessionDirectory.create(Map.of("TMPDIR", base.toString())::get)) {
            boolean noexec = MountTable.read().map(t -> t.isNoexec(session.path())).orElse(false);
            assertEquals(noexec, session.noexecWarning().isPresent());
        }
    }
}
