package dev.hindsight.tracer;

import java.util.Map;

/** A Linux signal by number, with the name and description a debugger shows. */
public record Signal(int number, String name, String description) {
    private static final Map<Integer, String[]> KNOWN = Map.ofEntries(
            Map.entry(1, new String[] {"SIGHUP", "Hangup"}),
            Map.entry(2, new String[] {"SIGINT", "Interrupt"}),
            Map.entry(3, new String[] {"SIGQUIT", "Quit"}),
            Map.entry(4, new String[] {"SIGILL", "Illegal instruction"}),
            Map.entry(5, new String[] {"SIGTRAP", "Trace/breakpoint trap"}),
            Map.entry(6, new String[] {"SIGABRT", "Aborted"}),
            Map.entry(7, new String[] {"SIGBUS", "Bus error"}),
            Map.entry(8, new String[] {"SIGFPE", "Arithmetic exception"}),
            Map.entry(9, new String[] {"SIGKILL", "Killed"}),
            Map.entry(10, new String[] {"SIGUSR1", "User defined signal 1"}),
            Map.entry(11, new String[] {"SIGSEGV", "Segmentation fault"}),
            Map.entry(12, new String[] {"SIGUSR2", "User defined signal 2"}),
            Map.entry(13, new String[] {"SIGPIPE", "Broken pipe"}),
            Map.entry(14, new String[] {"SIGALRM", "Alarm clock"}),
            Map.entry(15, new String[] {"SIGTERM", "Terminated"}),
            Map.entry(16, new String[] {"SIGSTKFLT", "Stack fault"}),
            Map.entry(17, new String[] {"SIGCHLD", "Child status changed"}),
            Map.entry(18, new String[] {"SIGCONT", "Continued"}),
            Map.entry(19, new String[] {"SIGSTOP", "Stopped (signal)"}),
            Map.entry(20, new String[] {"SIGTSTP", "Stopped (user)"}),
            Map.entry(21, new String[] {"SIGTTIN", "Stopped (tty input)"}),
            Map.entry(22, new String[] {"SIGTTOU", "Stopped (tty output)"}),
            Map.entry(23, new String[] {"SIGURG", "Urgent I/O condition"}),
            Map.entry(24, new String[] {"SIGXCPU", "CPU time limit exceeded"}),
            Map.entry(25, new String[] {"SIGXFSZ", "File size limit exceeded"}),
            Map.entry(26, new String[] {"SIGVTALRM", "Virtual timer expired"}),
            Map.entry(27, new String[] {"SIGPROF", "Profiling timer expired"}),
            Map.entry(28, new String[] {"SIGWINCH", "Window size changed"}),
            Map.entry(29, new String[] {"SIGIO", "I/O possible"}),
            Map.entry(30, new String[] {"SIGPWR", "Power failure"}),
            Map.entry(31, new String[] {"SIGSYS", "Bad system call"}));

    public static Signal of(int number) {
        String[] k = KNOWN.get(number);
        if (k != null) return new Signal(number, k[0], k[1]);
        if (number >= 34 && number <= 64) return new Signal(number, "SIG" + number, "Real-time signal " + (number - 34));
        return new Signal(number, "SIG" + number, "Unknown signal " + number);
    }

    /** Signals that mean the program did something wrong at the current instruction. */
    public boolean isFault() {
        return number == 4 || number == 7 || number == 8 || number == 11 || number == 5;
    }

    @Override
    public String toString() {
        return name;
    }
}
