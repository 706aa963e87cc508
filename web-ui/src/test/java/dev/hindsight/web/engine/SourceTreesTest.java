package dev.hindsight.web.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files a served recording may show: remapped by their ending into --sources, never outside the trees. */
class SourceTreesTest {
    @TempDir Path dir;

    private Path file(String relative, String text) throws Exception {
        Path f = dir.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f.toRealPath();
    }

    @Test
    void aRecordedPathIsShownFromTheTreeWhoseFilesEndTheSame() throws Exception {
        Path x = file("proj/src/x.c", "int x;");
        file("proj/x.c", "the shorter ending");
        SourceTrees trees = new SourceTrees(List.of(dir.resolve("proj")), dir.resolve("none"));
        assertEquals(Optional.of(x), trees.find("/home/a/proj/src/x.c"), "the longest ending that exists wins");
        assertEquals(Optional.of("int x;"), trees.read("/home/a/proj/src/x.c"));
        assertEquals(Optional.of(dir.resolve("proj/x.c").toRealPath()), trees.find("/elsewhere/x.c"));
        assertEquals(Optional.empty(), trees.find("/home/a/proj/src/y.c"));
    }

    @Test
    void theTraceCopyAnswersItsExactRecordedPathAfterTheTrees() throws Exception {
        Path copy = file("trace/sources/home/a/proj/x.c", "recorded");
        SourceTrees trees = new SourceTrees(List.of(), dir.resolve("trace/sources"));
        assertEquals(Optional.of(copy), trees.find("/home/a/proj/x.c"));
        assertEquals(Optional.empty(), trees.find("/other/x.c"), "the copy is looked up by the whole recorded path");
    }

    @Test
    void nothingOutsideTheTreesIsEverFound() throws Exception {
        file("proj/x.c", "inside");
        Path secret = file("secret/key.c", "outside");
        Files.createSymbolicLink(dir.resolve("proj/link.c"), secret);
        Files.createSymbolicLink(dir.resolve("proj/up"), dir.resolve("secret"));
        SourceTrees trees = new SourceTrees(List.of(dir.resolve("proj")), dir.resolve("proj"));
        for (String attempt : List.of(secret.toString(), dir + "/proj/../secret/key.c", "../secret/key.c",
                "/home/a/proj/link.c", "/home/a/proj/up/key.c", "up/key.c", "/etc/passwd", "/", "", "x.c\0/etc/passwd")) {
            assertEquals(Optional.empty(), trees.find(attempt), attempt);
        }
        assertEquals(Optional.of("inside"), trees.read("../../proj/x.c"), "an ending inside the tree is still found");
    }

    @Test
    void aSourceTreeMustBeADirectory() throws Exception {
        Path f = file("plain.c", "");
        assertThrows(IllegalArgumentException.class, () -> new SourceTrees(List.of(f), dir));
        assertThrows(IllegalArgumentException.class, () -> new SourceTrees(List.of(dir.resolve("missing")), dir));
    }
}
