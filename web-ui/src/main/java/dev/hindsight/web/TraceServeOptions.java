package dev.hindsight.web;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code hindsight serve TRACE_DIR}'s own options, taken out of the command line before
 * {@link ServeOptions} reads the rest: the recording to serve, the source trees its files may be
 * shown from, and where the notebook is kept.
 *
 * @param trace   the recorded, built trace served; empty: the live web UI
 * @param sources the trees whose files the page may show (the trace's own copy of its sources always)
 * @param storage where the notebook persists; empty: in memory, lost when the server stops
 * @param rest    the other arguments, for {@link ServeOptions#parse}
 */
public record TraceServeOptions(Optional<Path> trace, List<Path> sources, Optional<Path> storage, List<String> rest) {

    public static final String USAGE = """
            serving a recorded run (hindsight record, then hindsight build):
              hindsight serve [--storage DIR] [--sources DIR]… [other options] TRACE_DIR
              --sources DIR        a source tree the page may show files from (repeatable); recorded
                                   paths are matched by their ending, so /home/a/proj/x.c is shown
                                   from --sources /tmp/proj as /tmp/proj/x.c. Without it the page
                                   shows the copies the recording made of its sources
              --storage DIR        where the notebook is kept between runs of serve; default: in
                                   memory only (the page says so)
            """;

    /** The options of {@link ServeOptions} that take no value: everything else starting with "--" takes one. */
    private static final Set<String> FLAGS = Set.of("--single-session", "--trust-proxy");

    public static TraceServeOptions extract(String... args) {
        Path trace = null;
        Path storage = null;
        List<Path> sources = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--sources") || a.equals("--storage")) {
                if (i + 1 >= args.length || args[i + 1].isBlank()) throw new IllegalArgumentException(a + " needs a directory");
                Path dir = Path.of(args[++i]);
                if (a.equals("--sources")) sources.add(dir);
                else storage = dir;
            } else if (a.startsWith("-")) {
                rest.add(a);
                if (!FLAGS.contains(a) && i + 1 < args.length) rest.add(args[++i]);
            } else {
                if (trace != null) throw new IllegalArgumentException("one trace directory only, not '" + trace + "' and '" + a + "'");
                trace = Path.of(a);
            }
        }
        if (trace == null && (!sources.isEmpty() || storage != null)) {
            throw new IllegalArgumentException("--sources and --storage go with a trace directory: hindsight serve [OPTIONS] TRACE_DIR");
        }
        return new TraceServeOptions(Optional.ofNullable(trace), List.copyOf(sources), Optional.ofNullable(storage), List.copyOf(rest));
    }

    public String[] restArray() {
        return rest.toArray(String[]::new);
    }
}
