package dev.hindsight.dap.session;

import java.util.List;
import java.util.Map;

/**
 * The {@code launch} configuration attributes (the same ones {@code launch-attributes.json}
 * declares for editors). Null means not given.
 *
 * @param program           an executable, or one source file ({@code .c .cc .cpp .cxx .s .S}) compiled first
 * @param sourceFiles       source files compiled and linked together
 * @param sources           inline sources written into the session directory and compiled
 * @param args              the program's arguments
 * @param cwd               its working directory
 * @param env               when given, exactly the program's environment
 * @param stopOnEntry       stop at {@code main} (or the entry point without main) instead of running
 * @param compilerArgs      extra clang flags
 * @param disassemblyFlavor {@code att} (default) or {@code intel}
 * @param trace             a trace directory of {@code hindsight record}: replay it instead of starting a program
 * @param record            run the program once recorded, index the run, and debug the recording (backwards too)
 * @param justMyCode        line steps and step out never stop outside the program's own code (libc, the loader, PLT stubs)
 * @param console           where the program's stdio go: {@code internalConsole} (default), {@code integratedTerminal}
 *                          or {@code externalTerminal} (a terminal of the client's, see {@link ProgramConsole})
 * @param coreFile          a core dump of {@code program} (the kernel's or gdb's gcore): debug it post mortem,
 *                          stopped where the program died, nothing running
 */
public record LaunchArguments(String program, List<String> sourceFiles, List<InlineSource> sources, List<String> args,
                              String cwd, Map<String, String> env, Boolean stopOnEntry, List<String> compilerArgs,
                              String disassemblyFlavor, String trace, Boolean record, Boolean justMyCode, String console,
                              String coreFile) {

    /** A source file sent as text, e.g. by the web UI. */
    public record InlineSource(String name, String text) {}

    public List<String> argsOrEmpty() {
        return args == null ? List.of() : args;
    }

    public List<String> compilerArgsOrEmpty() {
        return compilerArgs == null ? List.of() : compilerArgs;
    }

    public boolean stopsOnEntry() {
        return Boolean.TRUE.equals(stopOnEntry);
    }

    /** Off unless given: a DAP client gets gdb's stepping unless it asks for "my code only". */
    public boolean myCodeOnly() {
        return Boolean.TRUE.equals(justMyCode);
    }
}
