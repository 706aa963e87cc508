package dev.hindsight.mi.session;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.compile.SessionDirectory;
import dev.hindsight.tracer.confine.Confinement;
import dev.hindsight.tracer.confine.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        List<Path> readable = new ArrayList<>();
        Path folder = program.toAbsolutePath().normalize().getParent();
        if (folder != null) readable.add(folder);
        if (cwd != null && !readable.contains(cwd) && Files.isDirectory(cwd)) readable.add(cwd);
        sandbox = confinement.open(directory.path(), readable, cwd);
        return spec.withSandbox(sandbox).withEnvironment(withSet.apply(List.of("PATH=/usr/local/bin:/usr/bin:/bin",
                "HOME=" + directory.path(), "LANG=C.UTF-8", "TERM=dumb")));
    }

    /** Which limit of the sandbox ended the program, in a user's words, if one did. */
    Optional<String> limitReached(StopEvent.Exited exit) {
        if (sandbox == null || !exit.killedBySignal()) return Optional.empty();
        return sandbox.limitReached(exit.signal().number());
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
