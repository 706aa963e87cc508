package dev.hindsight.index.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Directory trees for tests that build a copy of a recorded trace (a build writes into its trace). */
public final class Directories {
    private Directories() {}

    /** Copies every directory and file under {@code from} to the same place under {@code to}. */
    public static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
