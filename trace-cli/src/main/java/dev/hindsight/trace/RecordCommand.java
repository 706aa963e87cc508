package dev.hindsight.trace;

import dev.hindsight.tracer.LaunchException;
import dev.hindsight.tracer.compile.ClangDriver;
import dev.hindsight.tracer.compile.CompileRequest;
import dev.hindsight.tracer.compile.CompileResult;
import dev.hindsight.tracer.compile.Diagnostic;
import dev.hindsight.tracer.compile.SessionDirectory;
import dev.hindsight.tracer.log.LogFile;
import dev.hindsight.tracer.record.Recorder;
import dev.hindsight.tracer.record.RecordingRefused;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hindsight record [-o TRACE_DIR] [--cflags "FLAGS"] [--no-syscall-buffer] [--log LEVEL=FILE] PROGRAM|SOURCE [-- ARGS…]}: runs the
 * program with the terminal's stdin, stdout and stderr, records the run, says where the trace
 * is, and exits with the program's exit status (1 when it could not be recorded, 2 on usage errors).
 */
public final class RecordCommand {
    static final String USAGE = """
            usage: hindsight record [-o TRACE_DIR] [--cflags "FLAGS"] [--no-syscall-buffer] [--log LEVEL=FILE] PROGRAM|SOURCE [-- ARGS…]

            Runs PROGRAM (a .c/.cc/.cpp/.cxx/.s/.S source is compiled with clang -g -O0 first) with
            this terminal's stdin, stdout and stderr, and records the run into a trace directory
            (private to you, mode 0700): ./hindsight-traces/NAME-N by default, with a 'latest'
            link. 'hindsight trace TRACE_DIR' replays it, and so does a DAP launch with "trace".
            Exits with the program's exit status (128+N when signal N ended it).

            options:
              -o TRACE_DIR       where the trace goes (must not exist, or be empty)
              --cflags "FLAGS"   extra compiler flags for a source file
              --no-syscall-buffer
                                 stop the recorder at every system call: without it (the
                                 default) the program's read and write calls through libc's
                                 functions are recorded from a buffer without a stop each,
                                 much faster for many small calls (--syscall-buffer, the
                                 default, is accepted too)
              %s
              -h, --help         this text
            """.formatted(LogFile.USAGE);
    private static final System.Logger LOG = System.getLogger(RecordCommand.class.getName());

    private RecordCommand() {}

    public static void main(String[] args) {
        if (args.length == 0 || List.of(args).contains("-h") || List.of(args).contains("--help")) {
            System.out.print(USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        try {
            LogFile.Extracted log = LogFile.extract(args);
            // The command says what went wrong on stderr itself (its own records are WARN at most, and go to
            // --log's file only); an internal ERROR (an engine thread's failure) still reaches the terminal.
            if (log.spec() != null) LogFile.install(log.spec());
            else LogFile.console(java.util.logging.Level.SEVERE);
            args = log.rest();
        } catch (IllegalArgumentException | IOException e) {
            usage(e.getMessage());
        }
        Path out = null, program = null;
        boolean syscallBuffer = true;
        List<String> cflags = new ArrayList<>(), rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                rest.addAll(List.of(args).subList(i + 1, args.length));
                break;
            } else if (a.equals("-o") || a.equals("--cflags")) {
                if (i + 1 >= args.length) usage(a + " needs a value");
                if (a.equals("-o")) out = Path.of(args[++i]);
                else for (String f : args[++i].trim().split("\\s+")) if (!f.isEmpty()) cflags.add(f);
            } else if (a.equals("--syscall-buffer") || a.equals("--no-syscall-buffer")) {
                syscallBuffer = a.equals("--syscall-buffer");
            } else if (a.startsWith("-")) {
                usage("unknown option " + a);
            } else if (program != null) {
                usage("one program only (program arguments go after --)");
            } else {
                program = Path.of(a);
            }
        }
        if (program == null) usage("no program given");
        System.exit(run(program, cflags, rest, out, syscallBuffer));
    }

    private static void usage(String message) {
        System.err.println("hindsight record: " + message);
        System.err.println("run 'hindsight record --help' for usage");
        System.exit(2);
    }

        static int run(Path program, List<String> cflags, List<String> args, Path out, boolean syscallBuffer) {
        try (SessionDirectory session = SessionDirectory.create()) {
            Path exe = program;
            if (program.getFileName().toString().matches(".*\\.(c|cc|cpp|cxx|s|S)$")) {
                exe = compile(program, cflags, session);
                if (exe == null) return 1;
            }
            Recorder.Options o = Recorder.Options.of(exe, args).withTraceDir(out).withSyscallBuffer(syscallBuffer);
            LOG.log(System.Logger.Level.INFO, "recording " + exe + (args.isEmpty() ? "" : " with arguments " + args)
                    + (out != null ? " into " + out : ""));
            Recorder.Result r = Recorder.record(o);
            for (String w : r.warnings()) {
                System.err.println("hindsight record: warning: " + w);
                LOG.log(System.Logger.Level.WARNING, w);
            }
            if (!r.unrecordedChildren().isEmpty()) {
                System.err.println("hindsight record: forked children ran unrecorded: " + r.unrecordedChildren());
                LOG.log(System.Logger.Level.WARNING, "forked children ran unrecorded: " + r.unrecordedChildren());
            }
            LOG.log(System.Logger.Level.INFO, "recorded " + r.events() + " events into " + r.traceDir() + "; " + r.exit());
            System.err.println("hindsight record: trace written to " + r.traceDir() + " (" + r.events() + " events; "
                    + r.exit() + ")");
            return r.exitStatus();
        } catch (RecordingRefused e) {
            System.err.println("hindsight record: cannot record this run: " + e.getMessage());
            LOG.log(System.Logger.Level.WARNING, "recording refused: " + e.getMessage());
            return 1;
        } catch (LaunchException e) {
            System.err.println("hindsight record: " + e.getMessage());
            LOG.log(System.Logger.Level.WARNING, "cannot start the program: " + e.getMessage());
            return 1;
        } catch (IOException | java.io.UncheckedIOException e) {
            System.err.println("hindsight record: " + e.getMessage());
            LOG.log(System.Logger.Level.WARNING, "recording failed: " + e.getMessage());
            return 1;
        }
    }

    private static Path compile(Path source, List<String> cflags, SessionDirectory session) {
        Path src = source.toAbsolutePath();
        if (!Files.isRegularFile(src)) throw new LaunchException("no such source file: " + src);
        CompileResult result = new ClangDriver().compile(CompileRequest.of(List.of(src), cflags, session.path()));
        for (Diagnostic d : result.diagnostics()) System.err.println(d);
        if (!result.success()) {
            System.err.println("hindsight record: compilation failed");
            return null;
        }
        return result.executable().orElseThrow();
    }
}
