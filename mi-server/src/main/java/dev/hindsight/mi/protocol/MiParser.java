package dev.hindsight.mi.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Parses an input line as gdb's mi-parse does: an optional numeric token, then either
 * {@code -operation args…} or a console command. Arguments are words separated by blanks, where a
 * word starting with {@code "} is a C string. gdb's generic options {@code --thread N},
 * {@code --thread-group G}, {@code --frame N} and {@code --language L} are taken out before the
 * command-specific ones.
 */
public final class MiParser {
    private MiParser() {}

    /** @throws MiException (with the token known, see {@link #token}) for malformed input */
    public static MiCommand parse(String line) {
        String token = token(line);
        String rest = line.substring(token.length());
        if (!rest.startsWith("-")) return MiCommand.console(token, rest.strip());
        int i = 1;
        while (i < rest.length() && !Character.isWhitespace(rest.charAt(i))) i++;
        String operation = rest.substring(1, i);
        if (operation.isEmpty()) throw new MiException("No operation");
        List<String> words;
        try {
            words = words(rest, i);
        } catch (MiException e) {
            throw new MiException("Problem parsing arguments: " + rest.substring(1));
        }
        OptionalInt thread = OptionalInt.empty(), frame = OptionalInt.empty();
        List<String> args = new ArrayList<>();
        boolean generic = true;
        for (int w = 0; w < words.size(); w++) {
            String word = words.get(w);
            if (generic && (word.equals("--thread") || word.equals("--frame") || word.equals("--thread-group")
                    || word.equals("--language"))) {
                if (w + 1 >= words.size()) throw new MiException("Missing argument for " + word);
                String value = words.get(++w);
                if (word.equals("--thread")) thread = OptionalInt.of(number(value, "Invalid thread id: " + value));
                if (word.equals("--frame")) frame = OptionalInt.of(number(value, "Invalid frame id: " + value));
                continue;
            }
            generic = false;
            args.add(word);
        }
        return new MiCommand(token, operation, args, thread, frame, false, rest);
    }

    /** The leading digits of a line (gdb's token); empty when there are none. */
    public static String token(String line) {
        int t = 0;
        while (t < line.length() && Character.isDigit(line.charAt(t))) t++;
        return line.substring(0, t);
    }

    private static int number(String s, String error) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new MiException(error);
        }
    }

    /** Blank-separated words from {@code from}; a word starting with a quote is a C string. */
    static List<String> words(String s, int from) {
        List<String> out = new ArrayList<>();
        int i = from;
        int[] end = new int[1];
        while (true) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
            if (i >= s.length()) return out;
            if (s.charAt(i) == '"') {
                out.add(CString.unquote(s, i, end));
                i = end[0];
            } else {
                int start = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i))) i++;
                out.add(s.substring(start, i));
            }
        }
    }
}
