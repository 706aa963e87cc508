package dev.hindsight.tracer.compile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns clang's and GNU ld's text output into {@link Diagnostic}s. Expects clang to run with
 * {@code -fno-color-diagnostics -fno-caret-diagnostics -fdiagnostics-absolute-paths}; colour codes
 * and caret lines are skipped anyway, in case user flags turned them back on.
 */
final class DiagnosticParser {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Pattern COMPILER = Pattern.compile(
            "^(.+?):(\\d+):(\\d+): (error|warning|note|remark|fatal error): (.*)$");
    private static final Pattern INCLUDED_FROM = Pattern.compile("^(?:In file included from|\\s+from) (.+):(\\d+)[:,]$");
    private static final Pattern DRIVER = Pattern.compile("^(?:clang|clang\\+\\+|clang-\\d+)(?:: | )(error|warning|note|fatal error): (.*)$");
    private static final Pattern LINKER_PREFIX = Pattern.compile("^(?:/\\S*/)?(?:ld|ld\\.bfd|ld\\.gold|ld\\.lld|collect2): (.*)$");
    private static final Pattern IN_FUNCTION = Pattern.compile("^(.+?): in function [`'](.+)':$");
    private static final Pattern LINKER_AT_LINE = Pattern.compile("^(.+?):(\\d+): (.*)$");
    private static final Pattern LINKER_AT_SECTION = Pattern.compile("^(.+?):\\(\\.[^)]*\\): (.*)$");

    private final List<Path> sources;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final List<String> pendingIncludes = new ArrayList<>();
    private String linkerFunction = "";

    private DiagnosticParser(List<Path> sources) {
        this.sources = sources;
    }

    static List<Diagnostic> parse(String output, List<Path> sources) {
        DiagnosticParser parser = new DiagnosticParser(sources);
        for (String line : ANSI.matcher(output).replaceAll("").split("\\R")) parser.accept(line);
        return List.copyOf(parser.diagnostics);
    }

    private void accept(String line) {
        Matcher m;
        if ((m = INCLUDED_FROM.matcher(line)).matches()) {
            pendingIncludes.add(m.group(1) + ":" + m.group(2));
        } else if ((m = COMPILER.matcher(line)).matches()) {
            diagnostics.add(new Diagnostic(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Severity.parse(m.group(4)), m.group(5), "", pendingIncludes));
            pendingIncludes.clear();
        } else if ((m = DRIVER.matcher(line)).matches()) {
            diagnostics.add(Diagnostic.withoutLocation(Severity.parse(m.group(1)), m.group(2)));
        } else if ((m = LINKER_PREFIX.matcher(line)).matches()) {
            linker(m.group(1));
        } else if (!linkerFunction.isEmpty() || (!line.isBlank() && looksLikeLinkerLocation(line))) {
            linker(line);
        }
    }

    private boolean looksLikeLinkerLocation(String line) {
        return LINKER_AT_SECTION.matcher(line).matches()
                || (LINKER_AT_LINE.matcher(line).matches() && line.contains("reference to"));
    }

    /** ld reports "obj: in function `f':" and then the problem on the next line, with or without ld's prefix. */
    private void linker(String text) {
        Matcher m;
        if ((m = IN_FUNCTION.matcher(text)).matches()) {
            linkerFunction = m.group(2);
        } else if ((m = LINKER_AT_LINE.matcher(text)).matches() && !text.startsWith("warning:")) {
            addLinker(sourceFor(m.group(1)), Integer.parseInt(m.group(2)), m.group(3));
        } else if ((m = LINKER_AT_SECTION.matcher(text)).matches()) {
            addLinker(sourceFor(m.group(1)), 0, m.group(2));
        } else if (text.startsWith("warning: ")) {
            diagnostics.add(Diagnostic.withoutLocation(Severity.WARNING, text.substring("warning: ".length())));
        } else if (text.startsWith("NOTE: ")) {
            // ld 2.39+ explains a warning on the next line ("NOTE: This behaviour is deprecated…").
            diagnostics.add(Diagnostic.withoutLocation(Severity.NOTE, text.substring("NOTE: ".length())));
        } else {
            diagnostics.add(new Diagnostic("", 0, 0, Severity.ERROR, text, linkerFunction, List.of()));
            linkerFunction = "";
        }
    }

    private void addLinker(String file, int line, String message) {
        Severity severity = message.startsWith("warning: ") ? Severity.WARNING : Severity.ERROR;
        String text = severity == Severity.WARNING ? message.substring("warning: ".length()) : message;
        diagnostics.add(new Diagnostic(file, line, 0, severity, text, linkerFunction, List.of()));
        linkerFunction = "";
    }

    /**
     * ld names either the source (from debug info or the object's file symbol) or clang's temporary
     * object ({@code /tmp/prog-3f2a1c.o}); map both back to the source the user knows.
     */
    private String sourceFor(String reported) {
        String name = Path.of(reported).getFileName().toString();
        for (Path source : sources) {
            String sourceName = source.getFileName().toString();
            if (reported.equals(source.toString()) || name.equals(sourceName)) return source.toString();
            String stem = sourceName.contains(".") ? sourceName.substring(0, sourceName.lastIndexOf('.')) : sourceName;
            if (name.matches(Pattern.quote(stem) + "-[0-9a-f]{6}\\.o")) return source.toString();
        }
        return reported;
    }
}
