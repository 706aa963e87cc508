package dev.hindsight.mi.cli;

import dev.hindsight.mi.session.Settings;
import java.util.Map;

/**
 * {@code show SETTING} in gdb 13's own sentences: front ends parse some of them (cdt-gdb-adapter
 * reads the host character set out of {@code show host-charset}'s answer, and waits for it).
 */
final class ShowSentences {
    /** gdb's sentence around each setting's value ({@code %s}). */
    private static final Map<String, String> SENTENCES = Map.ofEntries(
            Map.entry("host-charset", "The host character set is \"%s\"."),
            Map.entry("target-charset", "The target character set is \"%s\"."),
            Map.entry("args", "Argument list to give program being debugged when it is started is \"%s\"."),
            Map.entry("mi-async", "Whether MI is in asynchronous mode is %s."),
            Map.entry("target-async", "Whether MI is in asynchronous mode is %s."),
            Map.entry("non-stop", "Controlling the inferior in non-stop mode is %s."),
            Map.entry("pagination", "State of pagination is %s."),
            Map.entry("confirm", "Whether to confirm potentially dangerous operations is %s."),
            Map.entry("width", "Number of characters gdb thinks are in a line is %s."),
            Map.entry("height", "Number of lines gdb thinks are in a page is %s."),
            Map.entry("print pretty", "Pretty formatting of structures is %s."),
            Map.entry("disassembly-flavor", "The disassembly flavor is \"%s\"."),
            Map.entry("language", "The current source language is \"%s\"."),
            Map.entry("breakpoint pending", "Debugger's behavior regarding pending breakpoints is %s."),
            Map.entry("cwd", "Current working directory that will be used when starting the inferior is \"%s\"."),
            Map.entry("listsize", "Number of source lines gdb will list by default is %s."),
            Map.entry("architecture", "The target architecture is set to \"%s\"."),
            Map.entry("inferior-tty", "Terminal for future runs of program being debugged is \"%s\"."));

    private ShowSentences() {}

    static String sentence(Settings settings, String what) {
        String value = settings.show(what);
        String name = what.strip().replaceAll("\\s+", " ");
        String format = SENTENCES.get(name);
        if (format == null) return name + " is \"" + value + "\".\n";
        // "auto" character sets: gdb adds what auto means here; Hindsight's programs and text are UTF-8
        if (name.endsWith("charset") && value.equals("auto")) value = "auto; currently UTF-8";
        if (name.equals("language") && value.equals("auto")) value = "auto; currently c";
        if (name.equals("cwd") && value.isEmpty()) return "You have not set the inferior's current working directory.\n"
                + "The inferior will inherit GDB's cwd if native debugging, or the remote\nserver's cwd if remote debugging.\n";
        // MIEngine reads the architecture out of this (GetTargetArchitectureCommand); Hindsight debugs x86-64 only
        if (name.equals("architecture") && value.equals("auto")) return "The target architecture is set to \"auto\" (currently \"" + dev.hindsight.mi.session.FrameFormat.ARCH + "\").\n";
        return String.format(format, value) + "\n";
    }
}
