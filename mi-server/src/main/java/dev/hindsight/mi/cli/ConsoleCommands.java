package dev.hindsight.mi.cli;

import dev.hindsight.mi.commands.CommandTable;
import dev.hindsight.mi.commands.MiResult;
import dev.hindsight.mi.commands.ReverseExecution;
import dev.hindsight.mi.protocol.MiCommand;
import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.protocol.MiParser;
import dev.hindsight.mi.session.MiSession;
import dev.hindsight.tracer.Target;
import java.util.Map;

/**
 * gdb console commands by name (and gdb's abbreviations), each mapped to the MI command that does
 * the same or to a {@link ConsoleOutput} printer. Output goes out as console records.
 */
public final class ConsoleCommands {
    /** Console commands that are exactly an MI command with the same arguments. */
    private static final Map<String, String> AS_MI = Map.ofEntries(
            Map.entry("run", "exec-run"), Map.entry("r", "exec-run"),
            Map.entry("continue", "exec-continue"), Map.entry("c", "exec-continue"),
            Map.entry("next", "exec-next"), Map.entry("n", "exec-next"),
            Map.entry("step", "exec-step"), Map.entry("s", "exec-step"),
            Map.entry("stepi", "exec-step-instruction"), Map.entry("si", "exec-step-instruction"),
            Map.entry("nexti", "exec-next-instruction"), Map.entry("ni", "exec-next-instruction"),
            Map.entry("finish", "exec-finish"), Map.entry("fin", "exec-finish"),
            Map.entry("until", "exec-until"), Map.entry("u", "exec-until"), Map.entry("advance", "hindsight-advance"),
            Map.entry("delete", "break-delete"), Map.entry("d", "break-delete"),
            Map.entry("enable", "break-enable"), Map.entry("disable", "break-disable"),
            Map.entry("file", "file-exec-and-symbols"), Map.entry("cd", "environment-cd"),
            Map.entry("attach", "target-attach"), Map.entry("detach", "target-detach"));

    private ConsoleCommands() {}

    /** Runs one console line; output goes out as console records, errors as {@link MiException}. */
    public static MiResult execute(MiSession s, String line) {
        s.setConsoleCommand(true);
        try {
            return run(s, line);
        } finally {
            s.setConsoleCommand(false);
        }
    }

    private static MiResult run(MiSession s, String line) {
        String text = line.strip();
        if (text.isEmpty()) return MiResult.done();
        String word = text.split("[\\s/]", 2)[0];
        String rest = text.substring(word.length()).strip();
        String backwards = ReverseExecution.CONSOLE_COMMANDS.get(word);
        if ("exec-continue".equals(backwards) || "exec-continue".equals(AS_MI.get(word))) {
            s.resumableTarget();
            s.out().console("Continuing.\n"); // gdb says so before it resumes
        }
        if (backwards != null) {
            return CommandTable.get(backwards).orElseThrow().handle(s, MiParser.parse("-" + backwards + " --reverse " + rest));
        }
        if (word.equals("record") || word.equals("rec")) {
            // A served recording is recorded already, whole: gdb's "record full" is then nothing to do.
            if (s.servesTrace() && rest.matches("|full")) return MiResult.done();
            throw ReverseExecution.noInProcessRecording();
        }
        if ((word.equals("delete") || word.equals("d")) && rest.matches("\\d+(\\s+\\d+)*")) {
            // gdb's console names the numbers that are no breakpoints (no error) and deletes the others
            StringBuilder known = new StringBuilder();
            for (String n : rest.split("\\s+")) {
                if (s.breakpoints().get(Integer.parseInt(n)).isPresent()) known.append(' ').append(n);
                else s.out().console("No breakpoint number " + n + ".\n");
            }
            if (known.length() == 0) return MiResult.done();
            rest = known.toString().strip();
        }
        String mi = AS_MI.get(word);
        if (mi != null) return CommandTable.get(mi).orElseThrow().handle(s, MiParser.parse("-" + mi + " " + rest));
        return switch (word) {
            case "break", "b", "br", "tbreak" -> ConsoleOutput.breakpoint(s, rest, word.equals("tbreak"));
            case "dprintf" -> ConsoleOutput.dprintf(s, rest);
            case "start" -> {
                MiCommand c = MiParser.parse("-exec-run --start");
                yield CommandTable.get("exec-run").orElseThrow().handle(s, c);
            }
            case "kill", "k" -> {
                Target live = s.target();
                if (live == null || live.state() == Target.State.EXITED) throw new MiException("The program is not being run.");
                long pid = live.pid();
                // gdb asks, and answers itself when its input is no terminal (a front end's pipe)
                s.out().console("Kill the program being debugged? (y or n) [answered Y; input not from terminal]\n");
                s.endProgram();
                s.out().console("[Inferior 1 (process " + pid + ") killed]\n");
                yield MiResult.done();
            }
            case "backtrace", "bt", "where" -> ConsoleOutput.backtrace(s);
            case "core-file", "core" -> {
                dev.hindsight.mi.session.CoreFiles.load(s, dev.hindsight.mi.session.CoreFiles.named(rest), true);
                yield MiResult.done();
            }
            case "target" -> {
                if (!rest.matches("core(\\s.*)?")) throw new MiException("Hindsight's target command opens core dumps only (target core FILE)");
                dev.hindsight.mi.session.CoreFiles.load(s, dev.hindsight.mi.session.CoreFiles.named(rest.substring(4)), true);
                yield MiResult.done();
            }
            case "print", "p", "output", "call" -> ConsoleOutput.print(s, text.substring(word.length()), !word.equals("output"));
            case "disassemble", "disas" -> DisassembleConsole.show(s, text.substring(word.length()));
            case "display" -> DisplayCommands.display(s, text.substring(word.length()));
            case "undisplay" -> DisplayCommands.undisplay(s, rest);
            case "x" -> ConsoleOutput.examine(s, text.substring(1));
            case "info", "i" -> ConsoleOutput.info(s, rest);
            case "tty" -> ConsoleOutput.setParameter(s, "inferior-tty", rest);
            case "shell" -> ShellCommand.run(s.out(), rest);
            case "set" -> {
                if (rest.matches("exec-direction\\s+reverse")) ReverseExecution.checkDirection(s, "reverse");
                if (rest.startsWith("var ")) yield ConsoleOutput.setVariable(s, rest.substring(4));
                if (rest.matches("(env|environment)(\\s.*)?")) yield ConsoleOutput.setEnvironment(s, rest.replaceFirst("^\\S+\\s*", ""));
                if (rest.startsWith("inferior-tty") || rest.startsWith("breakpoint pending")) {
                    String name = rest.startsWith("inferior-tty") ? "inferior-tty" : "breakpoint pending";
                    yield ConsoleOutput.setParameter(s, name, rest.substring(name.length()).strip());
                }
                s.settings().set(rest);
                yield MiResult.done();
            }
            case "unset" -> {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:env|environment)\\s+(\\S+)").matcher(rest.strip());
                if (!m.matches()) throw new MiException("Hindsight's unset command takes one variable: unset environment NAME");
                s.unsetEnvironment(m.group(1));
                yield MiResult.done();
            }
            case "show" -> {
                s.out().console(ConsoleOutput.show(s, rest));
                yield MiResult.done();
            }
            case "frame", "f" -> ConsoleOutput.frame(s, rest);
            case "list", "l" -> SourceListing.list(s, rest);
            case "up", "down" -> ConsoleOutput.upDown(s, word.equals("up"), rest);
            case "jump", "j" -> ConsoleOutput.jump(s, rest);
            case "quit", "q" -> MiResult.exit();
            default -> throw new MiException("Undefined command: \"" + word + "\".  Try \"help\".");
        };
    }
}
