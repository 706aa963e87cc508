package dev.hindsight.dap;

import java.nio.file.Path;

/**
 * What a session may do.
 *
 * @param allowAttach       whether {@code attach} to a process id is allowed
 * @param allowProgramPaths whether launch may name files on this machine ({@code program},
 *                          {@code sourceFiles}, {@code cwd}); without it only inline {@code sources} run
 * @param tempRoot          where session directories are created; null for the default
 *                          ({@code $HINDSIGHT_TMPDIR}, {@code $TMPDIR}, {@code /tmp})
 */
public record DapSessionOptions(boolean allowAttach, boolean allowProgramPaths, Path tempRoot) {
    /** Everything allowed, default temp directory: a local editor's adapter. */
    public static DapSessionOptions defaults() {
        return new DapSessionOptions(true, true, null);
    }
}
