package dev.hindsight.dap.session;

import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import dev.hindsight.tracer.compile.ClangDriver;
import dev.hindsight.tracer.compile.CompileRequest;
import dev.hindsight.tracer.compile.CompileResult;
import dev.hindsight.tracer.compile.Diagnostic;
import dev.hindsight.tracer.compile.SessionDirectory;
import dev.hindsight.tracer.compile.SourceLanguage;
import dev.hindsight.tracer.confine.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Finds or builds the executable a launch configuration names: a program, source files or inline sources. */
final class ProgramBuilder {
    private static final int MAX_INLINE_FILES = 64;
    private static final long MAX_INLINE_CHARS = 4 << 20;

    private final ClangDriver clang = new ClangDriver();

    /** Told of a compilation as it goes (DAP progress events for clients that asked for them). */
    interface Progress {
        Progress NONE = new Progress() {
            @Override public void start(String title, String message) { }
            @Override public void update(String message) { }
            @Override public void end(String message) { }
        };

        void start(String title, String message);

        void update(String message);

        /** Always called once started, whether the compilation succeeded, failed or threw. */
        void end(String message);
    }

    /**
     * @param diagnostics receives every compiler message (also on success: warnings)
     * @throws DapException COMPILE_FAILED with the first error, INVALID_ARGUMENTS, NOT_ALLOWED
     */
    Path executable(LaunchArguments a, boolean allowProgramPaths, SessionDirectory dir, Sandbox sandbox,
                    Consumer<Diagnostic> diagnostics, Progress progress) {
        int given = (a.program() != null ? 1 : 0) + (a.sourceFiles() != null ? 1 : 0) + (a.sources() != null ? 1 : 0);
        if (given != 1) {
            throw new DapException(ErrorCode.INVALID_ARGUMENTS,
                    "launch needs exactly one of 'program', 'sourceFiles' or 'sources'");
        }
        if (!allowProgramPaths) CompilerFlags.requireSafe(a.compilerArgsOrEmpty());
        if (a.sources() != null) return compile(inline(a, dir), a, dir, sandbox, diagnostics, progress);
        if (!allowProgramPaths) {
            throw new DapException(ErrorCode.NOT_ALLOWED, "this server only runs programs sent as 'sources'");
        }
        if (a.sourceFiles() != null) {
            if (a.sourceFiles().isEmpty()) throw new DapException(ErrorCode.INVALID_ARGUMENTS, "'sourceFiles' is empty");
            List<Path> files = new ArrayList<>();
            for (String f : a.sourceFiles()) files.add(existing(f, "source file"));
            return compile(files, a, dir, sandbox, diagnostics, progress);
        }
        Path program = existing(a.program(), "program");
        if (SourceLanguage.of(program).isPresent()) return compile(List.of(program), a, dir, sandbox, diagnostics, progress);
        if (!Files.isExecutable(program)) throw new DapException(ErrorCode.LAUNCH_FAILED, program + " is not executable");
        return program;
    }

    /**
     * Whether the launch compiles C or C++ linked the usual way (so the program will map the C
     * library): no assembly source, none of the flags that leave libc out.
     */
    static boolean compilesAgainstLibc(LaunchArguments a) {
        List<String> names = new ArrayList<>();
        if (a.sources() != null) a.sources().forEach(s -> names.add(s == null || s.name() == null ? "-" : s.name()));
        else if (a.sourceFiles() != null) names.addAll(a.sourceFiles());
        else if (a.program() != null) names.add(a.program());
        if (names.isEmpty()) return false;
        try {
            for (String n : names) {
                SourceLanguage l = SourceLanguage.of(Path.of(n)).orElse(null);
                if (l != SourceLanguage.C && l != SourceLanguage.CXX) return false;
            }
        } catch (RuntimeException e) { // not a path: the launch itself will say so
            return false;
        }
        for (String f : a.compilerArgsOrEmpty()) {
            if (f.equals("-nostdlib") || f.equals("-static") || f.equals("-nolibc") || f.equals("-ffreestanding")) return false;
        }
        return true;
    }

    private static List<Path> inline(LaunchArguments a, SessionDirectory dir) {
        if (a.sources().isEmpty()) throw new DapException(ErrorCode.INVALID_ARGUMENTS, "'sources' is empty");
        if (a.sources().size() > MAX_INLINE_FILES) {
            throw new DapException(ErrorCode.INVALID_ARGUMENTS, "at most " + MAX_INLINE_FILES + " inline sources");
        }
        long total = a.sources().stream().mapToLong(s -> s == null || s.text() == null ? 0 : s.text().length()).sum();
        if (total > MAX_INLINE_CHARS) {
            throw new DapException(ErrorCode.INVALID_ARGUMENTS, "inline sources are limited to " + MAX_INLINE_CHARS + " characters");
        }
        List<Path> files = new ArrayList<>();
        for (LaunchArguments.InlineSource s : a.sources()) {
            if (s == null || s.name() == null || s.text() == null) {
                throw new DapException(ErrorCode.INVALID_ARGUMENTS, "each of 'sources' needs 'name' and 'text'");
            }
            try {
                // ofText validates the name (no paths) and writes the file into the session directory.
                files.add(CompileRequest.ofText(s.name(), s.text(), List.of(), dir, CompileRequest.DEFAULT_TIMEOUT)
                        .sources().get(0));
            } catch (IOException e) {
                throw new DapException(ErrorCode.LAUNCH_FAILED, "cannot write " + s.name() + ": " + e.getMessage(), e);
            }
        }
        return files;
    }

    private Path compile(List<Path> sources, LaunchArguments a, SessionDirectory dir, Sandbox sandbox,
                         Consumer<Diagnostic> diagnostics, Progress progress) {
        String names = String.join(", ", sources.stream().map(p -> p.getFileName().toString()).toList());
        progress.start("Compiling " + names, "clang -g -O0");
        String outcome = "failed";
        try {
            CompileRequest request = CompileRequest.of(sources, a.compilerArgsOrEmpty(), dir.path());
            CompileResult result = clang.compile(request, sandbox);
            result.diagnostics().forEach(diagnostics);
            progress.update(result.diagnostics().size() + " compiler message" + (result.diagnostics().size() == 1 ? "" : "s"));
            if (!result.success()) {
                List<Diagnostic> errors = result.errors();
                String first = errors.isEmpty() ? "the compiler failed" : errors.get(0).toString();
                outcome = "failed: " + errors.size() + " error" + (errors.size() == 1 ? "" : "s");
                throw new DapException(ErrorCode.COMPILE_FAILED, "compilation failed (" + errors.size() + " error"
                        + (errors.size() == 1 ? "" : "s") + "): " + first);
            }
            outcome = "compiled";
            return result.executable().orElseThrow();
        } finally {
            progress.end(outcome);
        }
    }

    private static Path existing(String path, String what) {
        Path p = Path.of(path).toAbsolutePath().normalize();
        if (!Files.isRegularFile(p)) throw new DapException(ErrorCode.LAUNCH_FAILED, "no such " + what + ": " + p);
        return p;
    }
}
