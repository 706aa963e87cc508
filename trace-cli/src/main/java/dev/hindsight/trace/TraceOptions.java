package dev.hindsight.trace;

import dev.hindsight.tracer.disasm.Syntax;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Parsed command line of {@code hindsight trace}. */
record TraceOptions(Path program, String from, boolean fromGiven, long steps, boolean json, Syntax syntax,
                    List<String> compilerFlags, boolean aslr, boolean pin, boolean lines, List<String> programArgs) {

    static final String USAGE = """
            usage: hindsight trace PROGRAM|SOURCE|TRACE_DIR [options] [-- ARGS…]

            Starts PROGRAM (a .c/.cc/.cpp/.cxx/.s/.S source is compiled with clang -g -O0 first),
            stops at the first instruction of SYMBOL, then single-steps and prints every stop:
            address, symbol+offset, the instruction about to run and the registers that changed.
            With --lines it steps by source line instead (gdb's next) from main after its prologue
            and prints, for every stop, function, file, line and the variables in scope.

            options:
              --from SYMBOL      where tracing starts (default: main, or the entry point without main)
              --steps N          how many instructions (with --lines: lines) to step (default: to the end)
              --lines            step by source line and show the locals at each stop
              --json             one JSON object per stop on stdout
              --syntax att|intel disassembly syntax (default att)
              --cflags "FLAGS"   extra compiler flags for a source file
              --aslr             keep address-space randomisation on (default off, as gdb)
              --no-pin           do not pin the tracer and the program to one CPU
              -h, --help         this text
            The program's own output goes to stderr; its environment is ours, unchanged.
            A TRACE_DIR written by 'hindsight record' is replayed instead: the recorded run, its
            output and exit, with the registers it had at every instruction.
            """;

    /** Thrown for a bad command line; the message is for the user. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static TraceOptions parse(String[] args) throws UsageException {
        Path program = null;
        String from = "main";
        boolean fromGiven = false, json = false, aslr = false, pin = true, lines = false;
        long steps = Long.MAX_VALUE;
        Syntax syntax = Syntax.ATT;
        List<String> cflags = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--" -> {
                    for (i++; i < args.length; i++) rest.add(args[i]);
                }
                case "--from" -> {
                    from = value(args, ++i, a);
                    fromGiven = true;
                }
                case "--steps" -> {
                    String v = value(args, ++i, a);
                    try {
                        steps = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        throw new UsageException("--steps needs a number, not '" + v + "'");
                    }
                    if (steps < 0) throw new UsageException("--steps cannot be negative");
                }
                case "--json" -> json = true;
                case "--lines" -> lines = true;
                case "--syntax" -> {
                    String v = value(args, ++i, a);
                    syntax = switch (v) {
                        case "att" -> Syntax.ATT;
                        case "intel" -> Syntax.INTEL;
                        default -> throw new UsageException("--syntax is att or intel, not '" + v + "'");
                    };
                }
                case "--cflags" -> cflags.addAll(List.of(value(args, ++i, a).trim().split("\\s+")));
                case "--aslr" -> aslr = true;
                case "--no-pin" -> pin = false;
                default -> {
                    if (a.startsWith("-")) throw new UsageException("unknown option " + a);
                    if (program != null) throw new UsageException("one program only (program arguments go after --)");
                    program = Path.of(a);
                }
            }
        }
        if (program == null) throw new UsageException("no program given");
        cflags.removeIf(String::isEmpty);
        return new TraceOptions(program, from, fromGiven, steps, json, syntax, cflags, aslr, pin, lines, rest);
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) throw new UsageException(option + " needs a value");
        return args[i];
    }

    boolean isSource() {
        String n = program.getFileName().toString();
        return n.matches(".*\\.(c|cc|cpp|cxx|s|S)$");
    }
}
