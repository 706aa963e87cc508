package dev.hindsight.tracer.compile;

import dev.hindsight.tracer.confine.Sandbox;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Builds executables with clang. One invocation compiles and links all sources, so clang picks the
 * right front end per file; clang++ drives the link when any source is C++ so libstdc++ is linked.
 * Thread-safe and stateless.
 */
public final class ClangDriver {
    /** Debuggable, unoptimised, and in a format {@link DiagnosticParser} reads reliably. */
    static final List<String> DEFAULT_FLAGS = List.of("-g", "-O0", "-fno-color-diagnostics",
            "-fno-caret-diagnostics", "-fdiagnostics-absolute-paths");
    /**
     * A freestanding program with its own entry point: no crt files, no libc. With clang 14 on Debian 12
     * plain {@code -nostdlib} also runs (clang still adds an interpreter to the PIE and ld.so copes), but
     * {@code -static} avoids the dynamic loader entirely, so the first instruction the debugger sees is
     * the user's {@code _start} and addresses are fixed.
     */
    static final List<String> FREESTANDING_FLAGS = List.of("-nostdlib", "-static");
    /**
     * With assembly sources: the C flags (ours and the user's, e.g. {@code -std=c11}) mean nothing
     * to the assembler and would each warn, and an object without a {@code .note.GNU-stack}
     * section makes the linker warn about an executable stack.
     */
    static final List<String> ASSEMBLY_FLAGS = List.of("-Qunused-arguments", "-Wa,--noexecstack");
    private static final long OUTPUT_GRACE_MILLIS = 5_000;
    private static final Pattern START_LABEL = Pattern.compile("(?m)^\\s*_start\\s*:");

    private final String cCompiler;
    private final String cxxCompiler;

    public ClangDriver() {
        this("clang", "clang++");
    }

    /** @param cCompiler and {@code cxxCompiler}: command names or paths, e.g. {@code clang-14} */
    public ClangDriver(String cCompiler, String cxxCompiler) {
        this.cCompiler = cCompiler;
        this.cxxCompiler = cxxCompiler;
    }

    /** Never throws for compiler trouble: a missing clang, a crash or a timeout is a failed result. */
    public CompileResult compile(CompileRequest request) {
        return compile(request, null);
    }

    /**
     * Compiles inside {@code sandbox} (null: unconfined): clang, its plugins and whatever a source
     * includes see only the system's directories and the session's.
     */
    public CompileResult compile(CompileRequest request, Sandbox sandbox) {
        List<String> plain = command(request);
        String compiler = plain.get(0);
        List<String> command = sandbox == null ? plain : sandbox.wrap(withAbsoluteCompiler(plain));
        long start = System.nanoTime();
        try {
            Files.createDirectories(request.outputDirectory());
            Files.deleteIfExists(request.executablePath()); // so a failed build cannot leave a stale one
        } catch (IOException e) {
            return CompileResult.failure(Diagnostic.withoutLocation(Severity.FATAL,
                    "cannot prepare output directory " + request.outputDirectory() + ": " + e), "", elapsed(start));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(request.outputDirectory().toFile())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // clang's temporary objects then live in the output (session) directory and are cleaned up with
        // it, even when a timeout kills clang before it can remove them.
        builder.environment().put("TMPDIR", request.outputDirectory().toString());
        if (sandbox != null) {
            // The sandbox's own init would carry the server's environment where the session can read it.
            builder.environment().keySet().retainAll(java.util.Set.of("PATH"));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return CompileResult.failure(Diagnostic.withoutLocation(Severity.FATAL,
                    "cannot run " + compiler + " (" + e.getMessage() + "); is clang installed? "
                            + "Install it, e.g. apt-get install clang"), "", elapsed(start));
        }
        ProcessOutput output = ProcessOutput.collect(process);
        boolean finished = waitFor(process, request.timeout());
        if (!finished) {
            ProcessTrees.kill(process);
            if (sandbox != null) sandbox.killAll();
        }
        String text = output.await(OUTPUT_GRACE_MILLIS);
        Duration duration = elapsed(start);
        if (!finished) {
            deleteQuietly(request.executablePath()); // the linker may have been cut off mid-write
            return new CompileResult(false, Optional.empty(), withTimeout(text, request), text, duration);
        }
        List<Diagnostic> diagnostics = DiagnosticParser.parse(text, request.sources());
        boolean success = process.exitValue() == 0 && Files.isExecutable(request.executablePath());
        if (!success && diagnostics.stream().noneMatch(d -> d.severity().isError())) {
            diagnostics = append(diagnostics, Diagnostic.withoutLocation(Severity.ERROR,
                    compiler + " failed with exit code " + process.exitValue()));
        }
        if (success && MountTable.read().map(t -> t.isNoexec(request.outputDirectory())).orElse(false)) {
            diagnostics = append(diagnostics, Diagnostic.withoutLocation(Severity.WARNING, "the executable is on a"
                    + " noexec mount and cannot be started; set HINDSIGHT_TMPDIR to an executable file system"));
        }
        return new CompileResult(success, success ? Optional.of(request.executablePath()) : Optional.empty(),
                diagnostics, text, duration);
    }

    /** The sandbox has its own PATH; the compiler is looked up in ours. */
    private static List<String> withAbsoluteCompiler(List<String> command) {
        List<String> out = new ArrayList<>(command);
        String name = out.get(0);
        if (!name.contains("/")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (!dir.isEmpty() && Files.isExecutable(p)) {
                    out.set(0, p.toString());
                    break;
                }
            }
        }
        return out;
    }

    List<String> command(CompileRequest request) {
        List<String> command = new ArrayList<>();
        command.add(request.needsCxxLinker() ? cxxCompiler : cCompiler);
        command.addAll(DEFAULT_FLAGS);
        if (definesStart(request.sources())) command.addAll(FREESTANDING_FLAGS);
        if (request.sources().stream().anyMatch(ClangDriver::isAssembly)) command.addAll(ASSEMBLY_FLAGS);
        command.addAll(request.userFlags());
        command.add("-o");
        command.add(request.executablePath().toString());
        for (Path source : request.sources()) {
            // Explicit languages, because clang++ would otherwise compile .c files as C++.
            command.add("-x");
            command.add(SourceLanguage.of(source).orElseThrow().clangName());
            command.add(source.toAbsolutePath().toString());
        }
        return command;
    }

    private static boolean isAssembly(Path source) {
        return SourceLanguage.of(source).orElseThrow().isAssembly();
    }

    private static boolean definesStart(List<Path> sources) {
        for (Path source : sources) {
            if (!SourceLanguage.of(source).orElseThrow().isAssembly()) continue;
            try {
                if (START_LABEL.matcher(Files.readString(source, StandardCharsets.ISO_8859_1)).find()) return true;
            } catch (IOException e) {
                return false; // clang will report the unreadable file itself
            }
        }
        return false;
    }

    private static List<Diagnostic> withTimeout(String output, CompileRequest request) {
        return append(DiagnosticParser.parse(output, request.sources()), Diagnostic.withoutLocation(Severity.FATAL,
                "compilation timed out after " + request.timeout().toMillis() + " ms and was stopped"));
    }

    private static List<Diagnostic> append(List<Diagnostic> list, Diagnostic extra) {
        List<Diagnostic> out = new ArrayList<>(list);
        out.add(extra);
        return out;
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Best effort: without success the result offers no executable anyway.
        }
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
