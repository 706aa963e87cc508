package dev.hindsight.mi.commands;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every MI command Hindsight answers, by name (without the leading dash), and the class that handles it. */
public final class CommandTable {
    private static final Map<String, MiHandler> COMMANDS = new TreeMap<>();

    static {
        // session
        put("gdb-set", SessionCommands::gdbSet);
        put("gdb-show", SessionCommands::gdbShow);
        put("gdb-version", SessionCommands::gdbVersion);
        put("list-features", SessionCommands::listFeatures);
        put("list-target-features", SessionCommands::listTargetFeatures);
        put("gdb-exit", SessionCommands::gdbExit);
        put("file-exec-and-symbols", SessionCommands::fileExecAndSymbols);
        put("file-exec-file", SessionCommands::fileExecAndSymbols);
        put("exec-arguments", SessionCommands::execArguments);
        put("environment-cd", SessionCommands::environmentCd);
        put("target-select", SessionCommands::targetSelect);
        put("target-attach", SessionCommands::targetAttach);
        put("target-detach", SessionCommands::targetDetach);
        put("enable-pretty-printing", SessionCommands::nothing);
        put("enable-frame-filters", SessionCommands::nothing);
        put("inferior-tty-set", SessionCommands::inferiorTtySet);
        put("file-list-exec-source-file", SessionCommands::listExecSourceFile);
        put("file-list-exec-source-files", SessionCommands::listExecSourceFiles);
        put("file-symbol-file", SymbolCommands::symbolFile);
        put("environment-directory", SymbolCommands::environmentDirectory);
        put("symbol-list-lines", SymbolCommands::listLines);
        put("symbol-info-functions", FunctionSymbols::info);
        // breakpoints
        put("break-insert", BreakpointCommands::insert);
        put("break-delete", BreakpointCommands::delete);
        put("break-enable", BreakpointCommands::enable);
        put("break-disable", BreakpointCommands::disable);
        put("break-condition", BreakpointCommands::condition);
        put("break-after", BreakpointCommands::after);
        put("break-list", BreakpointCommands::list);
        put("break-watch", BreakpointCommands::watch);
        put("dprintf-insert", BreakpointCommands::dprintfInsert);
        // execution
        put("exec-run", ExecCommands::run);
        put("exec-continue", ExecCommands::cont);
        put("exec-next", ExecCommands::next);
        put("exec-step", ExecCommands::step);
        put("exec-next-instruction", ExecCommands::nextInstruction);
        put("exec-step-instruction", ExecCommands::stepInstruction);
        put("exec-finish", ExecCommands::finish);
        put("exec-interrupt", ExecCommands::interrupt);
        put("exec-until", ExecCommands::until);
        // not an MI command of gdb's: what console advance runs (see ConsoleCommands)
        put("hindsight-advance", ExecCommands::advance);
        put("exec-jump", ExecCommands::jump);
        put("exec-return", ExecCommands::ret);
        // stack
        put("stack-list-frames", StackCommands::listFrames);
        put("stack-info-depth", StackCommands::infoDepth);
        put("stack-info-frame", StackCommands::infoFrame);
        put("stack-select-frame", StackCommands::selectFrame);
        put("stack-list-arguments", StackCommands::listArguments);
        put("stack-list-locals", StackCommands::listLocals);
        put("stack-list-variables", StackCommands::listVariables);
        // data
        put("data-evaluate-expression", DataCommands::evaluate);
        put("data-read-memory-bytes", DataCommands::readMemoryBytes);
        put("data-read-memory", MemoryCommands::readMemory);
        put("data-write-memory-bytes", MemoryCommands::writeMemoryBytes);
        put("data-disassemble", DisassembleCommand::disassemble);
        put("data-list-register-names", RegisterCommands::names);
        put("data-list-register-values", RegisterCommands::values);
        put("data-list-changed-registers", RegisterCommands::changed);
        // threads
        put("thread-info", ThreadCommands::info);
        put("thread-list-ids", ThreadCommands::listIds);
        put("thread-select", ThreadCommands::select);
        put("list-thread-groups", ThreadGroupCommands::list);
        put("info-os", OsInfo::info);
        // variable objects
        put("var-create", VarCommands::create);
        put("var-list-children", VarCommands::listChildren);
        put("var-update", VarCommands::update);
        put("var-delete", VarCommands::delete);
        put("var-evaluate-expression", VarCommands::evaluate);
        put("var-assign", VarCommands::assign);
        put("var-set-format", VarCommands::setFormat);
        put("var-show-format", VarCommands::showFormat);
        put("var-info-expression", VarCommands::infoExpression);
        put("var-info-path-expression", VarCommands::infoPathExpression);
        put("var-info-type", VarCommands::infoType);
        put("var-show-attributes", VarCommands::showAttributes);
        // console
        put("interpreter-exec", InterpreterCommands::exec);
        put("break-commands", BreakpointCommands::commands);
    }

    private CommandTable() {}

    private static void put(String name, MiHandler handler) {
        COMMANDS.put(name, handler);
    }

    public static Optional<MiHandler> get(String name) {
        return Optional.ofNullable(COMMANDS.get(name));
    }

    public static java.util.Set<String> names() {
        return COMMANDS.keySet();
    }
}
