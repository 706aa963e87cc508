package dev.hindsight.index.build;

import dev.hindsight.tracer.log.LogFile;
import java.nio.file.Path;

/** The parsed command line of {@code hindsight build}. */
record BuildOptions(Path trace, int shards, int jobs, boolean force, boolean progress, LogFile.Spec log) {

    static final String USAGE = """
            usage: hindsight build TRACE_DIR [--jobs J] [--shards N] [--force] [--no-progress] [--log LEVEL=FILE]

            Replays a run recorded by `hindsight record` and writes TRACE_DIR/index: every
            executed instruction with its time, thread and pc, register changes and memory
            writes, and the indexes the server queries (per instruction address, per memory
            address, calls and returns, system calls, output). The run is cut into N shards,
            each replayed from its own checkpoint, J at a time (a job takes the next shard as
            it finishes one); the answers do not depend on N or J.

            options:
              --jobs J           shards replayed at once (default: the number of cores)
              --shards N         pieces the run is cut into (default: 8 per job)
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
        int shards = 0, jobs = 0;
        boolean force = false, progress = true;
        String[] args = extracted.rest();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--shards" -> shards = number(args, ++i, a);
                case "--jobs" -> jobs = number(args, ++i, a);
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
        if (jobs == 0) jobs = shards == 0 ? Math.max(1, cores) : Math.min(shards, Math.max(1, cores));
        if (shards == 0) shards = Math.min(MAX, jobs * Builder.SHARDS_PER_JOB);
        return new BuildOptions(trace, shards, jobs, force, progress, extracted.spec());
    }

    private static final int MAX = 1024;

    /** The number after option {@code name}, between 1 and {@link #MAX}. */
    private static int number(String[] args, int i, String name) throws UsageException {
        if (i >= args.length) throw new UsageException(name + " needs a number");
        int n;
        try {
            n = Integer.parseInt(args[i]);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a number, not '" + args[i] + "'");
        }
        if (n < 1 || n > MAX) throw new UsageException(name + " is between 1 and " + MAX + ", not " + n);
        return n;
    }
}
