package dev.hindsight.trace;

import dev.hindsight.tracer.LaunchException;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.regs.Registers;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.compile.ClangDriver;
import dev.hindsight.tracer.compile.CompileRequest;
import dev.hindsight.tracer.compile.CompileResult;
import dev.hindsight.tracer.compile.Diagnostic;
import dev.hindsight.tracer.compile.SessionDirectory;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/** {@code hindsight trace}: see {@link TraceOptions#USAGE}. Exit status 0, or 1 on failure, 2 on usage errors. */
public final class TraceCommand {
    private TraceCommand() {}

    public static void main(String[] args) {
        if (args.length == 0 || List.of(args).contains("-h") || List.of(args).contains("--help")) {
            System.out.print(TraceOptions.USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        TraceOptions options;
        try {
            options = TraceOptions.parse(args);
        } catch (TraceOptions.UsageException e) {
            System.err.println("hindsight trace: " + e.getMessage());
            System.err.println("run 'hindsight trace --help' for usage");
            System.exit(2);
            return;
        }
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false);
        // Stops are flushed before a step that may block (StopPrinter) and at exit; an interrupt too.
        Runtime.getRuntime().addShutdownHook(new Thread(out::flush));
        int status;
        try {
            status = run(options, out);
        } catch (LaunchException e) {
            System.err.println("hindsight trace: " + e.getMessage());
            status = 1;
        }
        out.flush();
        System.exit(status);
    }

    static int run(TraceOptions options, PrintStream out) {
        if (Files.isRegularFile(options.program().resolve(dev.hindsight.tracer.record.TraceDirectory.META))
                || Files.isDirectory(options.program())) {
            return replay(options, out);
        }
        try (SessionDirectory session = createSession()) {
            Path program = options.program();
            if (options.isSource()) {
                program = compile(options, session);
                if (program == null) return 1;
            }
            LaunchSpec spec = LaunchSpec.of(program, options.programArgs().toArray(String[]::new))
                    .withStdio(LaunchSpec.Stdio.INHERIT, LaunchSpec.Stdio.TO_STDERR, LaunchSpec.Stdio.INHERIT)
                    .withAslrDisabled(!options.aslr()).withPinCpu(options.pin());
            try (Target target = Target.launch(spec)) {
                target.disassembly().setSyntax(options.syntax());
                Runtime.getRuntime().addShutdownHook(new Thread(target::kill));
                return trace(target, options, out);
            }
        }
    }

    /** A trace directory of {@code hindsight record}: the recorded run, replayed and traced like a program. */
    private static int replay(TraceOptions options, PrintStream out) {
        Target target;
        try {
            target = Target.replay(options.program(), null);
        } catch (dev.hindsight.tracer.record.TraceFormatException e) {
            System.err.println("hindsight trace: " + e.getMessage());
            return 1;
        }
        List<Thread> copies = new java.util.ArrayList<>();
        try (target) {
            target.disassembly().setSyntax(options.syntax());
            // The recorded output, shown as a live program's would be (on stderr); nothing else is written.
            for (java.io.InputStream in : List.of(target.stdio().stdout(), target.stdio().stderr())) {
                Thread copy = new Thread(() -> {
                    try {
                        in.transferTo(System.err);
                    } catch (java.io.IOException e) {
                        // the replay ended
                    }
                });
                copy.setDaemon(true);
                copy.start();
                copies.add(copy);
            }
            try {
                return trace(target, options, out);
            } catch (java.util.concurrent.CompletionException e) {
                System.err.println("hindsight trace: " + (e.getCause() == null ? e : e.getCause()).getMessage());
                return 1;
            }
        } finally {
            for (Thread t : copies) {
                try {
                    t.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static SessionDirectory createSession() {
        try {
            return SessionDirectory.create();
        } catch (java.io.IOException e) {
            throw new LaunchException("cannot create a session directory: " + e.getMessage(), e);
        }
    }

    private static Path compile(TraceOptions options, SessionDirectory session) {
        Path source = options.program().toAbsolutePath();
        if (!Files.isRegularFile(source)) throw new LaunchException("no such source file: " + source);
        CompileResult result = new ClangDriver().compile(CompileRequest.of(List.of(source), options.compilerFlags(),
                session.path()));
        for (Diagnostic d : result.diagnostics()) System.err.println(d);
        if (!result.success()) {
            System.err.println("hindsight trace: compilation failed");
            return null;
        }
        return result.executable().orElseThrow();
    }

    private static int trace(Target target, TraceOptions options, PrintStream out) {
        if (options.lines()) return finish(LineTrace.run(target, options, out));
        OptionalLong start = target.symbols().addressOf(options.from());
        if (start.isEmpty()) {
            if (options.fromGiven()) {
                System.err.println("hindsight trace: no symbol '" + options.from() + "' in " + options.program());
                return 1;
            }
            start = OptionalLong.of(target.symbols().entryPoint());
        }
        StopEvent first = target.registers().current().pc() == start.getAsLong() ? target.lastStop() : target.execution().runTo(start.getAsLong()).join();
        if (!(first instanceof StopEvent.Stopped)) return finish(first);
        PcDescriptions descriptions = new PcDescriptions(target, options.syntax());
        StopPrinter printer = new StopPrinter(out, options.json());
        printer.print(target.registers().current(), descriptions.atStop(target.registers().current().pc()));
        StopEvent last = first;
        long remaining = options.steps();
        while (remaining > 0) {
            // Steps on the engine's thread and prints each stop there, as long as it can be
            // described without a stop (PcDescriptions#whileTracing): no hand-off between threads
            // per step. The step it cannot describe, or that did not end as a plain step (a
            // signal, the exit), ends the run; it is printed here as before, and tracing goes on.
            long[] printed = {0};
            last = target.execution().trace(remaining, (i, regs) -> {
                PcDescriptions.Description where = descriptions.whileTracing(regs.pc());
                if (where == null) return false;
                printer.print(regs, where);
                printed[0] = i;
                return true;
            }).join();
            remaining -= printed[0];
            if (!(last instanceof StopEvent.Stopped s) || remaining == 0) break;
            remaining--;
            Registers regs = target.registers().current();
            printer.print(regs, descriptions.atStop(regs.pc()));
            if (s.reason() != StopEvent.Reason.STEP) {
                report(s);
                if (s.reason() == StopEvent.Reason.SIGNAL && s.signal().isFault() && !"SIGTRAP".equals(s.signal().name())) break;
            }
        }
        return finish(last);
    }

    private static void report(StopEvent.Stopped s) {
        if (s.signal() != null) {
            System.err.printf("[program received %s (%s) at 0x%x%s]%n", s.signal().name(), s.signal().description(),
                    s.pc(), s.faultAddress().isPresent() ? String.format(", fault address 0x%x", s.faultAddress().getAsLong()) : "");
        }
    }

    private static int finish(StopEvent last) {
        if (last instanceof StopEvent.Exited e) {
            System.err.println(e.killedBySignal() ? "[program killed by " + e.signal().name() + "]"
                    : "[program exited with code " + e.exitCode() + "]");
        }
        return 0;
    }
}
