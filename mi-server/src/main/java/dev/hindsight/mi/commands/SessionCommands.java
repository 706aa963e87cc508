package dev.hindsight.mi.commands;

import dev.hindsight.mi.protocol.MiCommand;
import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.protocol.MiList;
import dev.hindsight.mi.session.MiSession;
import java.nio.file.Path;
import java.util.List;

/** Session set-up: settings, versions, features, the program file, its arguments and directory, exit. */
final class SessionCommands {
    /** What {@code --version} and {@code -gdb-version} say first; front ends parse gdb's version from it. */
    static final String VERSION_LINE = "GNU gdb (Hindsight 0.1.0) 13.1";

    private SessionCommands() {}

    static MiResult gdbSet(MiSession s, MiCommand c) {
        if (c.args().isEmpty()) throw new MiException("Argument required (expression to compute).");
        String name = s.settings().set(c.rest());
        if (name.equals("disassembly-flavor") && s.target() != null) {
            s.target().setDisassemblySyntax(s.settings().get(name).equals("intel")
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

    /** gdb lists {@code async} once a target is selected or running and mi-async is on. */
    static MiResult listTargetFeatures(MiSession s, MiCommand c) {
        MiList f = MiList.of();
        if (s.settings().async()) f.value("async");
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
        if (c.args().isEmpty() || !c.args().get(0).equals("native")) {
            throw new MiException("Hindsight supports only the native target (-target-select native)");
        }
        return MiResult.connected();
    }

    static MiResult nothing(MiSession s, MiCommand c) {
        return MiResult.done();
    }
}
