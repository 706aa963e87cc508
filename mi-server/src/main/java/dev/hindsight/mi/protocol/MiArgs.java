package dev.hindsight.mi.protocol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's options and positional arguments, split as gdb's mi_getopt does: options come
 * first, {@code --} ends them, unknown ones and ones missing their value are errors with gdb's
 * wording.
 */
public final class MiArgs {
    private final Map<String, String> options = new HashMap<>();
    private final List<String> positional;

    private MiArgs(List<String> positional) {
        this.positional = positional;
    }

    /**
     * @param command   the command's name for messages ({@code -break-insert})
     * @param flags     options without a value ({@code -t})
     * @param valued    options that take one ({@code -c})
     */
    public static MiArgs parse(String command, List<String> args, Set<String> flags, Set<String> valued) {
        MiArgs a = new MiArgs(new ArrayList<>());
        int i = 0;
        for (; i < args.size(); i++) {
            String w = args.get(i);
            if (w.equals("--")) {
                i++;
                break;
            }
            if (!w.startsWith("-") || w.length() < 2 || Character.isDigit(w.charAt(1))) break;
            if (flags.contains(w)) {
                a.options.put(w, "");
            } else if (valued.contains(w)) {
                if (i + 1 >= args.size()) throw new MiException(command + ": Option " + w + " requires an argument");
                a.options.put(w, args.get(++i));
            } else {
                // gdb's mi_getopt strips one dash: --bogus is ``-bogus''
                throw new MiException(command + ": Unknown option ``" + w.substring(1) + "''");
            }
        }
        a.positional.addAll(args.subList(i, args.size()));
        return a;
    }

    public boolean has(String option) {
        return options.containsKey(option);
    }

    public String value(String option) {
        return options.get(option);
    }

    public List<String> positional() {
        return positional;
    }

    /**
     * An option's integer value, read as gdb reads it (C's {@code atoi}: the leading digits, 0 when
     * there are none, so {@code -i x} is 0, not an error); {@code fallback} when absent.
     */
    public int intValue(String option, int fallback, String command) {
        String v = options.get(option);
        if (v == null) return fallback;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*([-+]?\\d+)").matcher(v);
        if (!m.find()) return 0;
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            throw new MiException(command + ": Invalid argument for " + option + ": " + v);
        }
    }
}
