package dev.hindsight.dap;

import dev.hindsight.tracer.confine.Confinement;
import java.nio.file.Path;

/**
 * What a session may do.
 *
 * @param allowAttach       whether {@code attach} to a process id is allowed
 * @param allowProgramPaths whether launch may name files on this machine ({@code program},
 *                          {@code sourceFiles}, {@code cwd}); without it only inline {@code sources} run
 * @param tempRoot          where session directories are created; null for the default
 *                          ({@code $HINDSIGHT_TMPDIR}, {@code $TMPDIR}, {@code /tmp})
 * @param confinement       where compiles and programs run confined (see
 *                          {@link dev.hindsight.tracer.confine}); null: as the server itself
 * @param programTerminal   a program whose output goes to the debug console ({@code internalConsole})
 *                          runs on a pseudo-terminal of the server's (line-buffered output, echo,
 *                          ^D for end of input: the web page) instead of on pipes
 */
public record DapSessionOptions(boolean allowAttach, boolean allowProgramPaths, Path tempRoot, Confinement confinement,
                                boolean programTerminal) {
    public DapSessionOptions(boolean allowAttach, boolean allowProgramPaths, Path tempRoot) {
        this(allowAttach, allowProgramPaths, tempRoot, null);
    }

    public DapSessionOptions(boolean allowAttach, boolean allowProgramPaths, Path tempRoot, Confinement confinement) {
        this(allowAttach, allowProgramPaths, tempRoot, confinement, false);
    }

    public DapSessionOptions withProgramTerminal(boolean on) {
        return new DapSessionOptions(allowAttach, allowProgramPaths, tempRoot, confinement, on);
    }

    /** Everything allowed, default temp directory: a local editor's adapter. */
    public static DapSessionOptions defaults() {
        return new DapSessionOptions(true, true, null, null);
    }

    /** The same, confined by {@code c}; a confined session may not attach to other processes. */
    public DapSessionOptions withConfinement(Confinement c) {
        return new DapSessionOptions(allowAttach && c == null, allowProgramPaths, tempRoot, c, programTerminal);
    }
}
