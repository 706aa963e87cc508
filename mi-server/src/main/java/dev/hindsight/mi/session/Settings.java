package dev.hindsight.mi.session;

import dev.hindsight.mi.protocol.MiException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * gdb's {@code set}/{@code show} variables that front ends touch, with gdb's defaults and the way
 * {@code show} spells them back ({@code width 0} shows as {@code unlimited}).
 */
public final class Settings {
    private final Map<String, String> values = new LinkedHashMap<>();

    /** The flavor {@code set disassembly-flavor} chose, as the decoder's syntax. */
    public dev.hindsight.tracer.disasm.Syntax disassemblySyntax() {
        return values.get("disassembly-flavor").equals("intel")
                ? dev.hindsight.tracer.disasm.Syntax.INTEL : dev.hindsight.tracer.disasm.Syntax.ATT;
    }

    public Settings() {
        values.put("mi-async", "off");
        values.put("target-async", "off");
        values.put("non-stop", "off");
        values.put("pagination", "on");
        values.put("confirm", "on");
        values.put("width", "80");
        values.put("height", "unlimited");
        values.put("print pretty", "off");
        values.put("print elements", "200");
        values.put("print object", "off");
        values.put("print sevenbit-strings", "off");
        values.put("print frame-arguments", "scalars");
        values.put("disassembly-flavor", "att");
        values.put("host-charset", "auto");
        values.put("target-charset", "auto");
        values.put("charset", "auto");
        values.put("language", "auto");
        values.put("breakpoint pending", "auto");
        values.put("detach-on-fork", "on");
        values.put("auto-solib-add", "on");
        values.put("print inferior-events", "on");
        values.put("print thread-events", "on");
        values.put("step-mode", "off");
        values.put("python print-stack", "message");
        values.put("args", "");
        values.put("prompt", "(gdb) ");
        values.put("inferior-tty", "");
        // Hindsight starts programs without a shell whatever this says; front ends and scripts set it
        values.put("startup-with-shell", "on");
        values.put("disable-randomization", "on");
        // forward only: reverse needs a recorded run (see ReverseExecution)
        values.put("exec-direction", "forward");
        // VS Code's MIEngine sets it off at start-up; Hindsight reads only the program's own debug info
        values.put("debuginfod enabled", "off");
        values.put("stop-on-solib-events", "0");
        values.put("architecture", "auto");
        // gdb's source path, which -environment-directory changes
        values.put("directories", "$cdir:$cwd");
        values.put("listsize", "10");
        // set cwd: the program's working directory; empty: gdb's own (cd, -environment-cd)
        values.put("cwd", "");
    }

    /** {@code set NAME VALUE}; the longest known name that prefixes {@code words} wins. */
    public String set(String text) {
        String t = text.strip();
        String name = match(t);
        if (name == null) throw new MiException("No symbol \"" + t.split("\\s+")[0] + "\" in current context.");
        String value = t.substring(name.length()).strip();
        values.put(name, normalise(name, value));
        return name;
    }

    public String show(String text) {
        String t = text.strip();
        String name = match(t);
        if (name == null || t.length() != name.length()) {
            throw new MiException("Undefined show command: \"" + t + "\".  Try \"help show\".");
        }
        return values.get(name);
    }

    public String get(String name) {
        return values.get(name);
    }

    public boolean on(String name) {
        return "on".equals(values.get(name));
    }

    /** Whether commands run in the background (mi-async, or its old name target-async). */
    public boolean async() {
        return on("mi-async") || on("target-async");
    }

    private String match(String t) {
        String best = null;
        for (String n : values.keySet()) {
            if ((t.equals(n) || t.startsWith(n + " ")) && (best == null || n.length() > best.length())) best = n;
        }
        return best;
    }

    private static String normalise(String name, String value) {
        return switch (name) {
            case "args", "prompt", "inferior-tty", "directories", "cwd" -> value;
            case "stop-on-solib-events" -> {
                try {
                    yield Integer.toString(Integer.parseInt(value));
                } catch (NumberFormatException e) {
                    throw new MiException("No symbol \"" + value + "\" in current context.");
                }
            }
            case "width", "height", "print elements", "listsize" -> {
                if (value.equals("0") || value.equals("unlimited")) yield "unlimited";
                try {
                    yield Integer.toString(Integer.parseInt(value));
                } catch (NumberFormatException e) {
                    throw new MiException("No symbol \"" + value + "\" in current context.");
                }
            }
            case "disassembly-flavor" -> {
                if (!value.equals("att") && !value.equals("intel")) {
                    throw new MiException("Undefined item: \"" + value + "\".");
                }
                yield value;
            }
            default -> boolOrText(value);
        };
    }

    private static String boolOrText(String value) {
        return switch (value) {
            case "", "1", "on", "yes", "enable" -> "on";
            case "0", "off", "no", "disable" -> "off";
            default -> value;
        };
    }
}
