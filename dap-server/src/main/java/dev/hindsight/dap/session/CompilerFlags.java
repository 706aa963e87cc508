package dev.hindsight.dap.session;

import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which clang flags a session that may not touch the server's files (the web UI) accepts:
 * optimisation, debug info, language standard, warnings, code generation, macros and libraries.
 * Everything that reads or writes other files ({@code -include}, {@code -I}, {@code @file},
 * {@code -Wl,}, {@code -fplugin}, {@code -fpass-plugin}, {@code -fuse-ld}, {@code -save-temps}, …) is
 * refused. The sandbox, where there is one, is the real wall; this list keeps the compiler from
 * even trying.
 */
final class CompilerFlags {
    private static final Pattern ALLOWED = Pattern.compile("-(?:"
            + "O[0-3sz]?|g[a-z0-9-]*|std=[a-z0-9+]+|w|pedantic(?:-errors)?|ansi|pthread|static|no-pie|pie"
            + "|W(?![lap],)(?:no-)?[a-z0-9][a-z0-9=+-]*"
            // Flags that load code into the compiler or linker, or read or write files by name, are
            // not: plugins (-fplugin, -fpass-plugin), another linker (-fuse-ld), list files.
            + "|f(?!plugin|pass-plugin|use-ld|profile|coverage|save|crash|record|debug-prefix|diagnostics-format"
            + "|modules|prebuilt|sanitize-[a-z-]*list|xray-(?:always|never|attr)|memory-profile|embed-offload"
            + "|basic-block-sections|split-dwarf-file|time-trace-granularity)"
            + "(?:no-)?[a-z0-9][a-z0-9+-]*(?:=[a-z0-9,.+-]+)?"
            + "|m(?!llvm)[a-z0-9][a-z0-9=.+-]*"
            + "|D[A-Za-z_][A-Za-z0-9_]*(?:=[^\\s]*)?|U[A-Za-z_][A-Za-z0-9_]*"
            + "|l[a-z0-9_+-]+)");

    private CompilerFlags() {}

    static void requireSafe(List<String> flags) {
        for (String f : flags) {
            if (f == null || !ALLOWED.matcher(f).matches()) {
                throw new DapException(ErrorCode.NOT_ALLOWED, "compiler flag '" + f + "' is not allowed here; optimisation,"
                        + " -g, -std=, -W, -f, -m, -D, -U and -l flags are");
            }
        }
    }
}
