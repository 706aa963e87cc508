package dev.hindsight.tracer.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Cross-builds, on the host, every fixture under {@code programs/DIR/} (run with
 * {@code -Dhindsight.fixtures.target=TRIPLE}, cwd the tracer module), into the cache
 * {@link Fixtures} looks in under that target, each with the host binutils' {@code nm} and
 * {@code readelf -h} output beside it for {@link Nm} in a guest that has no binutils, and for C
 * sources (built {@link #C_FLAGS}) {@code gdb-multiarch}'s address of every {@code BREAK:} marker's
 * line for {@link CrossLines}.
 * {@code misc/aarch64/run-tests.sh} runs it before packing the guest's payload.
 */
public final class CrossFixtures {
    /** Extra flags of C fixtures: fixed addresses, so the host's gdb and the guest's engine agree on them. */
    public static final String[] C_FLAGS = {"-no-pie"};
    private static final Pattern MARKER = Pattern.compile("BREAK: ([A-Za-z0-9_-]+)");

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
            boolean c = src.toString().endsWith(".c");
            Path exe = c ? Fixtures.compile(dir + "/" + src.getFileName(), C_FLAGS) : Fixtures.compile(dir + "/" + src.getFileName());
            if (c) writeLines(dir + "/" + src.getFileName(), src, exe);
            Files.writeString(exe.resolveSibling(exe.getFileName() + ".nm"), Commands.output(List.of("nm", exe.toString())));
            Files.writeString(exe.resolveSibling(exe.getFileName() + ".readelf-h"),
                    Commands.output(List.of("readelf", "-h", exe.toString())));
            System.out.println(src + " -> " + exe);
        }
    }

    /** {@code MARKER ADDRESS} for every marker, from gdb-multiarch's {@code info line} (the line's first is_stmt address). */
    private static void writeLines(String name, Path src, Path exe) throws IOException {
        List<String> markers = new ArrayList<>();
        Matcher m = MARKER.matcher(Files.readString(src));
        while (m.find()) markers.add(m.group(1));
        List<String> cmd = new ArrayList<>(List.of("gdb-multiarch", "-nx", "-batch"));
        for (String marker : markers) cmd.addAll(List.of("-ex", "info line " + src.getFileName() + ":" + Fixtures.line(name, marker)));
        cmd.add(exe.toString());
        String[] out = Commands.output(cmd).split("\n");
        Pattern starts = Pattern.compile("^Line (\\d+) of .* starts at address (0x[0-9a-f]+)");
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (String line : out) {
            Matcher a = starts.matcher(line);
            if (!a.find()) continue;
            String marker = markers.get(i++);
            if (Integer.parseInt(a.group(1)) != Fixtures.line(name, marker)) throw new IllegalStateException("gdb: " + line);
            sb.append(marker).append(' ').append(a.group(2)).append('\n');
        }
        if (i != markers.size()) throw new IllegalStateException("gdb-multiarch answered " + i + " of " + markers.size() + " lines:\n" + String.join("\n", out));
        Files.writeString(exe.resolveSibling(exe.getFileName() + ".lines"), sb.toString());
    }
}
