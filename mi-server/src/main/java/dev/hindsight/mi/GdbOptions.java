package dev.hindsight.mi;

import java.util.ArrayList;
import java.util.List;

/**
 * gdb's command line as front ends pass it: {@code --interpreter=mi|mi2|mi3|mi4} ({@code -i=mi}, which is MI4 in gdb 13,
 * {@code -i mi}), {@code -q}, {@code -nx}, {@code --args PROGRAM ARGS…}, {@code -ex CMD},
 * {@code -iex CMD}, {@code -x FILE}, {@code --tty=DEV}, {@code --batch}, {@code --cd=DIR},
 * {@code --pid=PID} (or {@code PROGRAM PID}: attach), {@code PROGRAM CORE} or {@code --core=FILE} (a core dump), {@code --version}, and Hindsight's own {@code --trace=DIR}. Options take one or two dashes, values after {@code =} or as the next word.
 */
record GdbOptions(boolean mi, int miVersion, boolean version, boolean help, boolean batch, String program, List<String> programArgs,
                  List<String> earlyCommands, List<String> commands, String tty, Integer pid, String trace, String core) {
    static final String VERSION_TEXT = "GNU gdb (Hindsight 0.1.0) 13.1\n"
            + "Hindsight speaks gdb's Machine Interface over its own debugging engine.";
    static final String HELP = """
            usage: hindsight gdb [options] [PROGRAM [CORE|PID]] | [options] --args PROGRAM ARGS...
              --interpreter=mi|mi2|mi3|mi4, -i=mi speak GDB/MI (without it: a plain console)
              -q, --quiet, -nx, --nx             accepted (no banner, no init files are read anyway)
              -ex CMD, -iex CMD, -x FILE         console commands to run at start
              --tty=DEV                          the program's terminal (its stdin, stdout and stderr)
              -p PID, --pid=PID, PROGRAM PID     attach to a running process (detached again at the end)
              -c FILE, --core=FILE, PROGRAM CORE debug a core dump (post-mortem: nothing runs)
              --trace=DIR                        debug a run recorded by hindsight record and built by
                                                 hindsight build, forwards and backwards (reverse-step…)
              --batch                            run the -ex commands and exit
              --version                          print the version and exit
            """;

    static GdbOptions parse(List<String> argv) {
        boolean mi = false, version = false, help = false, batch = false;
        int miVersion = 0;
        String program = null, tty = null, pid = null, trace = null, core = null;
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
                        case "mi", "mi2", "mi3", "mi4" -> {
                            mi = true;
                            miVersion = value.equals("mi") ? 4 : value.charAt(2) - '0'; // gdb 13's plain mi is MI4
                        }
                        case "console" -> {
                            mi = false;
                            miVersion = 0;
                        }
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
                case "p", "pid" -> pid = value != null ? value : next(argv, ++i, arg);
                case "trace" -> trace = value != null ? value : next(argv, ++i, arg);
                case "c", "core" -> core = value != null ? value : next(argv, ++i, arg);
                default -> throw new IllegalArgumentException("unrecognized option '" + arg + "'");
            }
        }
        if (program == null && !positional.isEmpty()) program = positional.get(0);
        boolean withArgs = argv.contains("--args");
        if (!withArgs && positional.size() > 2) throw new IllegalArgumentException("Excess command line arguments ignored. (" + positional.get(2) + ")");
        if (!withArgs && positional.size() == 2) {
            // gdb's second word is a core file, or a process id when it is a number
            if (!positional.get(1).matches("\\d+") || java.nio.file.Files.exists(java.nio.file.Path.of(positional.get(1)))) {
                core = positional.get(1);
            } else {
                pid = positional.get(1);
            }
        }
        if (pid != null && !pid.matches("\\d+")) throw new IllegalArgumentException("Illegal process-id: " + pid + ".");
        return new GdbOptions(mi, miVersion, version, help, batch, program, programArgs, early, commands, tty,
                pid == null ? null : Integer.valueOf(pid), trace, core);
    }

    private static String next(List<String> argv, int i, String option) {
        if (i >= argv.size()) throw new IllegalArgumentException("option '" + option + "' requires an argument");
        return argv.get(i);
    }
}
