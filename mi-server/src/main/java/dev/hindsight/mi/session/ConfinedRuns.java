package dev.hindsight.mi.session;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.compile.SessionDirectory;
import dev.hindsight.tracer.confine.Confinement;
import dev.hindsight.tracer.confine.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code hindsight gdb --confine}: every run of the program in a sandbox of its own (the web UI's,
 * see {@code dev.hindsight.tracer.confine}): the program's folder and the working directory
 * readable, a session directory the only writable place, none of gdb's environment.
 */
final class ConfinedRuns implements AutoCloseable {
    private final Confinement confinement;
    private final Path serverRoot;
    private SessionDirectory directory;
    private Sandbox sandbox;

    ConfinedRuns(Confinement confinement, Path serverRoot) {
        this.confinement = confinement;
        this.serverRoot = serverRoot;
    }

    /**
     * {@code spec} run in a fresh sandbox; the previous run's sandbox, and all it left, goes. The
     * program gets a minimal environment, with what {@code set env} gave joined by {@code withSet}.
     */
    LaunchSpec confine(LaunchSpec spec, Path program, Path cwd, java.util.function.UnaryOperator<List<String>> withSet) {
        closeSandbox();
        try {
            if (directory == null) directory = SessionDirectory.create(Map.of("HINDSIGHT_TMPDIR", serverRoot.toString())::get);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path folder = program.toAbsolutePath().normalize().getParent();
        sandbox = confinement.open(directory.path(), Arrays.asList(folder, cwd), cwd);
        return spec.withSandbox(sandbox).withEnvironment(withSet.apply(sandbox.environment()));
    }

    /** Which limit of the sandbox ended the program, in a user's words, if one did. */
    Optional<String> limitReached(StopEvent.Exited exit) {
        return sandbox == null ? Optional.empty() : sandbox.limitReached(exit);
    }

    private void closeSandbox() {
        if (sandbox != null) {
            sandbox.close();
            sandbox = null;
        }
    }

    @Override
    public void close() {
        closeSandbox();
        if (directory != null) directory.close();
    }
}
