package dev.hindsight.mi;

import java.util.ArrayList;
import java.util.List;

/**
 * gdb's command line as front ends pass it: {@code --interpreter=mi|mi2|mi3} ({@code -i=mi},
 * {@code -i mi}), {@code -q}, {@code -nx}, {@code --args PROGRAM ARGS…}, {@code -ex CMD},
 * {@code -iex CMD}, {@code -x FILE}, {@code --tty=DEV}, {@code --batch}, {@code --cd=DIR},
 * {@code --version}. Options take one or two dashes, values after {@code =} or as the next word.
 */
record GdbOptions(boolean mi, boolean version, boolean help, boolean batch, String program, List<String> programArgs,
                  List<String> earlyCommands, List<String> commands, String tty) {
    static final String VERSION_TEXT = "GNU gdb (Hindsight 0.1.0) 13.1\n"
            + "Hindsight speaks gdb's Machine Interface over its own debugging engine.";
    static final String HELP = """
            usage: hindsight gdb [options] [PROGRAM] | [options] --args PROGRAM ARGS...
              --interpreter=mi|mi2|mi3, -i=mi   speak GDB/MI (without it: a plain console)
              -q, --quiet, -nx, --nx             accepted (no banner, no init files are read anyway)
              -ex CMD, -iex CMD, -x FILE         console commands to run at start
              --tty=DEV                          accepted; the program's output comes as @ records
              --batch                            run the -ex commands and exit
              --version                          print the version and exit
            """;

    static GdbOptions parse(List<String> argv) {
        boolean mi = false, version = false, help = false, batch = false;
        String program = null, tty = null;
        List<String> programArgs = new ArrayList<>(), early = new ArrayList<>(), commands = new ArrayList<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (!arg.startsWith("-") || arg.equals("-")) {
                positional.add(arg);
                continue;
            }
            String name = arg.replaceFirst("^--?", "");
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            switch (name) {
                case "args" -> {
                    if (i + 1 >= argv.size()) throw new IllegalArgumentException("option '--args' requires a program");
                    program = argv.get(i + 1);
                    programArgs.addAll(argv.subList(i + 2, argv.size()));
                    i = argv.size();
                }
                case "interpreter", "i" -> {
                    if (value == null) value = next(argv, ++i, arg);
                    switch (value) {
                        case "mi", "mi2", "mi3" -> mi = true;
                        case "console" -> mi = false;
                        default -> throw new IllegalArgumentException("Interpreter `" + value + "' unrecognized");
                    }
                }
                case "q", "quiet", "silent", "nx", "n", "nh", "readnow", "readnever" -> { }
                case "batch" -> batch = true;
                case "version", "v" -> version = true;
                case "help", "h" -> help = true;
                case "ex", "eval-command" -> commands.add(value != null ? value : next(argv, ++i, arg));
                case "iex", "init-eval-command" -> early.add(value != null ? value : next(argv, ++i, arg));
                case "x", "command" -> commands.add("@file:" + (value != null ? value : next(argv, ++i, arg)));
                case "tty", "t" -> tty = value != null ? value : next(argv, ++i, arg);
                case "cd" -> early.add("cd " + (value != null ? value : next(argv, ++i, arg)));
                case "p", "pid" -> throw new IllegalArgumentException("attaching (--pid) is not supported by hindsight gdb yet");
                default -> throw new IllegalArgumentException("unrecognized option '" + arg + "'");
            }
        }
        if (program == null && !positional.isEmpty()) program = positional.get(0);
        if (positional.size() > (programArgs.isEmpty() && argv.contains("--args") ? 0 : 1)) {
            throw new IllegalArgumentException("core files and process ids are not supported by hindsight gdb yet");
        }
        return new GdbOptions(mi, version, help, batch, program, programArgs, early, commands, tty);
    }

    private static String next(List<String> argv, int i, String option) {
        if (i >= argv.size()) throw new IllegalArgumentException("option '" + option + "' requires an argument");
        return argv.get(i);
    }
}
