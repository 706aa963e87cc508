package dev.hindsight.tracer.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/**
 * Cross-builds, on the host, every fixture under {@code programs/DIR/} (run with
 * {@code -Dhindsight.fixtures.target=TRIPLE}, cwd the tracer module), into the cache
 * {@link Fixtures} looks in under that target, each with the host binutils' {@code nm} and
 * {@code readelf -h} output beside it for {@link Nm} in a guest that has no binutils.
 * {@code misc/aarch64/run-tests.sh} runs it before packing the guest's payload.
 */
public final class CrossFixtures {
    private CrossFixtures() {}

    public static void main(String[] args) throws IOException {
        if (System.getProperty(Fixtures.TARGET, "").isEmpty()) throw new IllegalStateException("-D" + Fixtures.TARGET + " not set");
        String dir = args.length > 0 ? args[0] : "aarch64";
        Path sources = Paths.get("src/test/resources/programs", dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(sources)) {
            files = s.filter(p -> p.toString().matches(".*\\.(c|cpp|s|S)$")).sorted().toList();
        }
        for (Path src : files) {
            Path exe = Fixtures.compile(dir + "/" + src.getFileName());
            Files.writeString(exe.resolveSibling(exe.getFileName() + ".nm"), Commands.output(List.of("nm", exe.toString())));
            Files.writeString(exe.resolveSibling(exe.getFileName() + ".readelf-h"),
                    Commands.output(List.of("readelf", "-h", exe.toString())));
            System.out.println(src + " -> " + exe);
        }
    }
}
