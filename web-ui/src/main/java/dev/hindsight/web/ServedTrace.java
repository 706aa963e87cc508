package dev.hindsight.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hindsight.tracer.confine.Confinement;
import dev.hindsight.tracer.record.TraceDirectory;
import dev.hindsight.tracer.record.TraceFormatException;
import dev.hindsight.tracer.replay.RecordedTrace;
import dev.hindsight.web.engine.Notebook;
import dev.hindsight.web.engine.SourceTrees;
import dev.hindsight.web.engine.TraceEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The recording {@code hindsight serve TRACE_DIR} serves, checked before the server listens: a
 * trace Hindsight can replay, built (indexed) so that the page can go backwards, the source trees
 * it may show and its notebook.
 */
final class ServedTrace {
    private final Path trace;
    private final SourceTrees sources;
    private final Notebook notebook;
    private final int sourceTrees;

    private ServedTrace(Path trace, SourceTrees sources, Notebook notebook, int sourceTrees) {
        this.trace = trace;
        this.sources = sources;
        this.notebook = notebook;
        this.sourceTrees = sourceTrees;
    }

    /** @throws IllegalArgumentException with a sentence for the user when the trace cannot be served */
    static ServedTrace open(TraceServeOptions o) throws IOException {
        Path dir = o.trace().orElseThrow().toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("no such trace directory: " + dir);
        try {
            RecordedTrace.open(dir);
        } catch (TraceFormatException e) {
            throw new IllegalArgumentException(dir + " is not a trace Hindsight can replay: " + e.getMessage());
        }
        if (!isBuilt(dir)) {
            throw new IllegalArgumentException(dir + " is recorded but not built: run `hindsight build " + dir
                    + "` first (serve answers from its index)");
        }
        SourceTrees sources = new SourceTrees(o.sources(), dir.resolve(TraceDirectory.SOURCES));
        return new ServedTrace(dir, sources, new Notebook(dir, o.storage().orElse(null)), o.sources().size());
    }

    /** Whether {@code hindsight build} completed on it (its manifest is written last). */
    static boolean isBuilt(Path traceDir) {
        return Files.isRegularFile(traceDir.resolve("index").resolve("manifest.properties"));
    }

    TraceEngine engine(Path tempRoot, Confinement confinement) {
        return new TraceEngine(trace, tempRoot, confinement, sources, notebook);
    }

    /** What the page learns from /mode.json: the recording's name and whether notes outlive the server. */
    String modeJson() {
        return new ObjectMapper().createObjectNode().put("name", trace.getFileName().toString())
                .put("notebook", notebook.persistent() ? "disk" : "memory").toString();
    }

    String describe() {
        return "serving the recording " + trace + " (nothing is compiled or run from the page; the recording is"
                + " replayed as this user, its system calls emulated); sources from " + (sourceTrees == 0 ? "its own copies"
                : sourceTrees + " --sources tree(s), then its own copies") + "; notebook "
                + (notebook.persistent() ? "kept in --storage" : "in memory only (--storage DIR keeps it)");
    }
}
