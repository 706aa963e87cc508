package dev.hindsight.mi.commands;

import dev.hindsight.mi.protocol.MiCommand;
import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.protocol.MiList;
import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.mi.session.MiSession;
import dev.hindsight.mi.session.SourceLocations;
import java.nio.file.Path;
import java.util.List;

/** Session set-up: settings, versions, features, the program file, its arguments and directory, exit. */
final class SessionCommands {
    /** What {@code --version} and {@code -gdb-version} say first; front ends parse gdb's version from it. */
    static final String VERSION_LINE = "GNU gdb (Hindsight 0.1.0) 13.1";

    private SessionCommands() {}

    static MiResult gdbSet(MiSession s, MiCommand c) {
        if (c.args().isEmpty()) throw new MiException("Argument required (expression to compute).");
        if (c.rest().matches("exec-direction\\s+\\S+")) ReverseExecution.checkDirection(s, c.rest().split("\\s+")[1]);
        String name = s.settings().set(c.rest());
        if (name.equals("disassembly-flavor") && s.target() != null) {
            s.target().disassembly().setSyntax(s.settings().get(name).equals("intel")
                    ? dev.hindsight.tracer.disasm.Syntax.INTEL : dev.hindsight.tracer.disasm.Syntax.ATT);
        }
        return MiResult.done();
    }

    static MiResult gdbShow(MiSession s, MiCommand c) {
        if (c.args().isEmpty()) throw new MiException("-gdb-show: Usage: -gdb-show VARIABLE");
        return MiResult.done("value", s.settings().show(c.rest()));
    }

    static MiResult gdbVersion(MiSession s, MiCommand c) {
        s.out().console(VERSION_LINE + "\n");
        s.out().console("Copyright (C) 2023 Free Software Foundation, Inc.\n");
        s.out().console("Hindsight speaks gdb's Machine Interface over its own debugging engine.\n");
        return MiResult.done();
    }

    static MiResult listFeatures(MiSession s, MiCommand c) {
        return MiResult.done("features", MiList.ofStrings(List.of("frozen-varobjs", "pending-breakpoints", "thread-info",
                "data-read-memory-bytes", "breakpoint-notifications", "undefined-command-error-code",
                "exec-run-start-option", "data-disassemble-a-option")));
    }

    /** gdb lists {@code async} once a target is selected or running and mi-async is on (Emacs keeps non-stop mode only then). */
    static MiResult listTargetFeatures(MiSession s, MiCommand c) {
        MiList f = MiList.of();
        if (s.settings().async() && s.nativeTargetSelected()) f.value("async");
        return MiResult.done("features", f);
    }

    static MiResult gdbExit(MiSession s, MiCommand c) {
        return MiResult.exit();
    }

    static MiResult fileExecAndSymbols(MiSession s, MiCommand c) {
        if (c.args().isEmpty()) throw new MiException("No executable file now.");
        s.setProgram(s.workingDirectory().resolve(c.args().get(0)));
        return MiResult.done();
    }

    static MiResult execArguments(MiSession s, MiCommand c) {
        s.settings().set("args " + c.rawArguments()); // gdb keeps the quotes: the program's shell words
        return MiResult.done();
    }

    static MiResult environmentCd(MiSession s, MiCommand c) {
        if (c.args().isEmpty()) throw new MiException("-environment-cd: Usage: -environment-cd PATHDIR");
        s.setWorkingDirectory(s.workingDirectory().resolve(Path.of(c.args().get(0))));
        return MiResult.done();
    }

    static MiResult targetSelect(MiSession s, MiCommand c) {
        if (!c.args().isEmpty() && c.args().get(0).equals("core")) {
            return new MiResult("connected", dev.hindsight.mi.session.CoreFiles.load(s,
                    dev.hindsight.mi.session.CoreFiles.named(String.join(" ", c.args().subList(1, c.args().size()))), false));
        }
        if (c.args().isEmpty() || !c.args().get(0).equals("native")) {
            throw new MiException("Hindsight supports only the native target (-target-select native) and core dumps (-target-select core FILE)");
        }
        s.selectNativeTarget();
        return MiResult.connected();
    }

    /** {@code -target-attach PID}: {@code ^done}, then the process's stop. */
    static MiResult targetAttach(MiSession s, MiCommand c) {
        s.attach(pid(c, "-target-attach"), s.consoleCommand());
        return MiResult.doneThenStopped();
    }

    /** {@code -target-detach}: the attached process runs on, untraced. */
    static MiResult targetDetach(MiSession s, MiCommand c) {
        if (!c.args().isEmpty() && s.target() != null && !c.args().get(0).equals(String.valueOf(s.target().pid()))
                && !c.args().get(0).equals("i1")) {
            throw new MiException("Thread group " + c.args().get(0) + " is not being debugged.");
        }
        s.detach(s.consoleCommand());
        return MiResult.done();
    }

    private static int pid(MiCommand c, String name) {
        if (c.args().isEmpty()) throw new MiException("Argument required (process-id to attach).");
        String words = String.join(" ", c.args());
        if (!words.matches("\\d{1,9}")) throw new MiException("Illegal process-id: " + words + ".");
        return Integer.parseInt(words);
    }

    /** gdb's default source position: main's file, and the line {@code list} would start at to show main's line last but one. */
    static MiResult listExecSourceFile(MiSession s, MiCommand c) {
        SourceLocations.SourceLine main = SourceLocations.mainLine(s)
                .orElseThrow(() -> new MiException("No symbol table is loaded.  Use the \"file\" command."));
        return MiResult.done(MiTuple.of().add("line", Math.max(main.line() - 9, 1)).add("file", main.file())
                .add("fullname", main.file()).add("macro-info", "0"));
    }

    /**
     * The program's source files: every compilation unit's, as gdb lists them before the program
     * has loaded libraries; the one holding main counts as read in full (gdb read it to find main).
     */
    static MiResult listExecSourceFiles(MiSession s, MiCommand c) {
        MiList files = MiList.of();
        String main = SourceLocations.mainLine(s).map(SourceLocations.SourceLine::file).orElse(null);
        // gdb lists the units it has read in full first, then the others in the debug information's order
        for (boolean read : new boolean[] {true, false}) {
            for (SourceLocations.SourceFile f : SourceLocations.programFiles(s)) {
                if ((f.fullname().equals(main) || f.file().equals(main)) != read) continue;
                files.value(MiTuple.of().add("file", f.file()).add("fullname", f.fullname()).add("debug-fully-read", String.valueOf(read)));
            }
        }
        return MiResult.done("files", files);
    }

    /** The program's terminal for the next runs (its stdio; see {@link dev.hindsight.mi.session.InferiorTty}); none: {@code @} records. */
    static MiResult inferiorTtySet(MiSession s, MiCommand c) {
        s.settings().set("inferior-tty " + (c.args().isEmpty() ? "" : c.args().get(0)));
        return MiResult.done();
    }

    static MiResult nothing(MiSession s, MiCommand c) {
        return MiResult.done();
    }
}
