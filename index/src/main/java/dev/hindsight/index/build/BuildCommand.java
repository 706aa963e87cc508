package dev.hindsight.index.build;

import dev.hindsight.index.IndexException;
import dev.hindsight.index.IndexReader;
import dev.hindsight.tracer.log.LogFile;
import dev.hindsight.tracer.record.TraceFormatException;
import java.nio.file.Files;
import java.util.Locale;

/** {@code hindsight build TRACE_DIR}: indexes a recorded run (see {@link BuildOptions#USAGE}). */
public final class BuildCommand {
    private static final System.Logger LOG = System.getLogger(BuildCommand.class.getName());

    private BuildCommand() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
            System.out.print(BuildOptions.USAGE);
            return 0;
        }
        BuildOptions o;
        try {
            o = BuildOptions.parse(args, Runtime.getRuntime().availableProcessors());
        } catch (BuildOptions.UsageException e) {
            System.err.println("hindsight build: " + e.getMessage());
            System.err.print(BuildOptions.USAGE);
            return 2;
        }
        try {
            if (o.log() != null) LogFile.install(o.log());
            else LogFile.console(java.util.logging.Level.WARNING);
            if (!Files.isDirectory(o.trace())) throw new IndexException("no trace directory " + o.trace());
            if (!o.force() && isBuilt(o)) {
                System.out.println("hindsight build: " + o.trace() + " is already indexed (--force builds it again)");
                return 0;
            }
            LOG.log(System.Logger.Level.INFO, "building the index of {0} in {1} shards, {2} at a time", o.trace(), o.shards(), o.jobs());
            Builder.Result r = Builder.build(o.trace(), o.shards(), o.jobs(), null, o.progress() && ProgressBar.onTerminal());
            System.out.printf(Locale.ROOT, "hindsight build: %,d instructions indexed in %.1f s (%,.0f/s, %d shards, %d jobs) into %s"
                            + " (%.1f bytes per instruction)%n", r.instructions(), r.seconds(), r.instructions() / r.seconds(),
                    r.shards(), r.jobs(), o.trace().resolve("index"), (double) r.indexBytes() / Math.max(1, r.instructions()));
            return 0;
        } catch (IndexException | TraceFormatException e) {
            // The console shows the sentence; the log file (when there is one) gets it too.
            if (o.log() != null) LOG.log(System.Logger.Level.ERROR, e.getMessage());
            System.err.println("hindsight build: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            if (o.log() != null) LOG.log(System.Logger.Level.ERROR, "the build failed", e);
            System.err.println("hindsight build: the build failed: " + e);
            return 1;
        }
    }

    private static boolean isBuilt(BuildOptions o) {
        try (IndexReader r = IndexReader.open(o.trace())) {
            return true;
        } catch (IndexException e) {
            return false;
        }
    }
}
