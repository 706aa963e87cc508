package dev.hindsight.index.build;

import dev.hindsight.tracer.log.LogFile;
import java.nio.file.Path;

/** The parsed command line of {@code hindsight build}. */
record BuildOptions(Path trace, int shards, boolean force, boolean progress, LogFile.Spec log) {

    static final String USAGE = """
            usage: hindsight build TRACE_DIR [--shards N] [--force] [--no-progress] [--log LEVEL=FILE]

            Replays a run recorded by `hindsight record` and writes TRACE_DIR/index: every
            executed instruction with its time, thread and pc, register changes and memory
            writes, and the indexes the server queries (per instruction address, per memory
            address, calls and returns, system calls, output). The run is cut into N shards
            replayed in parallel, each from its own checkpoint; the answers do not depend on N.

            options:
              --shards N         parallel shards (default: the number of cores)
              --force            rebuild an index that is already complete
              --no-progress      no progress bar (it is shown only on a terminal anyway)
              --log LEVEL=FILE   write a log (error, warn, info or debug); lines start with the level
              -h, --help         this text
            """;

    /** Thrown for a bad command line; the message is for the user. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static BuildOptions parse(String[] argv, int cores) throws UsageException {
        LogFile.Extracted extracted;
        try {
            extracted = LogFile.extract(argv);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path trace = null;
        int shards = Math.max(1, cores);
        boolean force = false, progress = true;
        String[] args = extracted.rest();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--shards" -> {
                    if (i + 1 >= args.length) throw new UsageException("--shards needs a number");
                    try {
                        shards = Integer.parseInt(args[++i]);
                    } catch (NumberFormatException e) {
                        throw new UsageException("--shards needs a number, not '" + args[i] + "'");
                    }
                    if (shards < 1 || shards > 1024) throw new UsageException("--shards is between 1 and 1024, not " + shards);
                }
                case "--force" -> force = true;
                case "--no-progress" -> progress = false;
                default -> {
                    if (a.startsWith("-")) throw new UsageException("unknown option " + a);
                    if (trace != null) throw new UsageException("one trace directory, not '" + trace + "' and '" + a + "'");
                    trace = Path.of(a);
                }
            }
        }
        if (trace == null) throw new UsageException("which trace? (hindsight build TRACE_DIR)");
        return new BuildOptions(trace, shards, force, progress, extracted.spec());
    }
}
