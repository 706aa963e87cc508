package dev.hindsight.tracer.compile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What to build: sources linked into one executable in {@code outputDirectory}, with the user's flags
 * appended after Hindsight's defaults (so a user {@code -O2} overrides {@code -O0}).
 *
 * @param sources         absolute paths; {@code .c}, {@code .cc/.cpp/.cxx}, {@code .s}, {@code .S}
 * @param userFlags       extra compiler/linker flags; flags that would change what gets produced or
 *                        where ({@code -o}, {@code -c}, {@code -S}, {@code -E}) are rejected
 * @param outputDirectory where the executable is written
 * @param timeout         the compiler is killed (with its children) after this long
 */
public record CompileRequest(List<Path> sources, List<String> userFlags, Path outputDirectory, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Set<String> OUTPUT_CHANGING_FLAGS = Set.of("-o", "-c", "-S", "-E", "-M", "-MM", "-fsyntax-only");
    /** Names from the web UI become paths; allow nothing that could leave the session directory. */
    private static final Pattern SAFE_FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]{0,99}");

    public CompileRequest {
        sources = List.copyOf(sources);
        userFlags = List.copyOf(userFlags);
        if (sources.isEmpty()) throw new IllegalArgumentException("no source files");
        for (Path source : sources) {
            if (SourceLanguage.of(source).isEmpty()) {
                throw new IllegalArgumentException("unsupported source file " + source.getFileName()
                        + ": expected .c, .cc, .cpp, .cxx, .s or .S");
            }
        }
        for (String flag : userFlags) {
            if (OUTPUT_CHANGING_FLAGS.contains(flag) || flag.startsWith("-o")) {
                throw new IllegalArgumentException("flag " + flag + " is not allowed: Hindsight chooses the output");
            }
        }
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout " + timeout);
    }

    public static CompileRequest of(List<Path> sources, List<String> userFlags, Path outputDirectory) {
        return new CompileRequest(sources, userFlags, outputDirectory, DEFAULT_TIMEOUT);
    }

    /**
     * Writes {@code text} to {@code fileName} inside the session directory and requests building it
     * there. The name must be a plain file name with a supported extension, e.g. {@code main.c}.
     */
    public static CompileRequest ofText(String fileName, String text, List<String> userFlags,
                                        SessionDirectory session, Duration timeout) throws IOException {
        if (!SAFE_FILE_NAME.matcher(fileName).matches() || fileName.contains("..")) {
            throw new IllegalArgumentException("invalid source file name '" + fileName + "'");
        }
        Path file = session.path().resolve(fileName);
        if (Files.isSymbolicLink(file) || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("'" + fileName + "' exists in the session and is not a regular file");
        }
        CompileRequest request = new CompileRequest(List.of(file), userFlags, session.path(), timeout);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return request;
    }

    /** Whether any source is C++, in which case clang++ links so the C++ runtime comes along. */
    public boolean needsCxxLinker() {
        return sources.stream().anyMatch(s -> SourceLanguage.of(s).orElseThrow() == SourceLanguage.CXX);
    }

    /** The executable's path: the first source's name without its extension. */
    public Path executablePath() {
        String name = sources.get(0).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return outputDirectory.resolve(dot > 0 ? name.substring(0, dot) : name + ".out");
    }
}
