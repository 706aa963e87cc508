package dev.hindsight.tracer.compile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Outcome of one build.
 *
 * @param success     whether an executable was produced
 * @param executable  the executable, present exactly when {@code success}
 * @param diagnostics parsed messages in the order the tools printed them
 * @param output      everything the compiler and linker printed (stdout and stderr interleaved)
 * @param duration    wall-clock time of the compiler run
 */
public record CompileResult(boolean success, Optional<Path> executable, List<Diagnostic> diagnostics,
                            String output, Duration duration) {

    public CompileResult {
        diagnostics = List.copyOf(diagnostics);
    }

    static CompileResult failure(Diagnostic reason, String output, Duration duration) {
        return new CompileResult(false, Optional.empty(), List.of(reason), output, duration);
    }

    /** ERROR and FATAL diagnostics. */
    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(d -> d.severity().isError()).toList();
    }

    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).toList();
    }
}
