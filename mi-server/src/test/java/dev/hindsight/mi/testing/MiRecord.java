package dev.hindsight.mi.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One GDB/MI output line, parsed from gdb's grammar (written here from the manual, independent of
 * the server's writer): {@code kind} is {@code ^ * = ~ @ &} or {@code (} for the prompt;
 * {@code results} hold Strings, Maps (tuples) and Lists (lists; a result list becomes a list of
 * one-entry maps).
 */
public record MiRecord(char kind, String token, String cls, Map<String, Object> results, String text, String line) {
    public static MiRecord parse(String line) {
        if (line.startsWith("(gdb)")) return new MiRecord('(', "", "", Map.of(), null, line);
        int i = 0;
        while (i < line.length() && Character.isDigit(line.charAt(i))) i++;
        String token = line.substring(0, i);
        if (i >= line.length()) throw new IllegalArgumentException("not an MI record: " + line);
        char kind = line.charAt(i);
        Parser p = new Parser(line, i + 1);
        switch (kind) {
            case '~', '@', '&' -> {
                String text = p.cstring();
                p.end();
                return new MiRecord(kind, token, "", Map.of(), text, line);
            }
            case '^', '*', '=', '+' -> {
                String cls = p.word();
                Map<String, Object> results = new LinkedHashMap<>();
                while (p.peek(',')) {
                    p.expect(',');
                    String name = p.word();
                    p.expect('=');
                    results.put(name, p.value());
                }
                p.end();
                return new MiRecord(kind, token, cls, results, null, line);
            }
            default -> throw new IllegalArgumentException("not an MI record: " + line);
        }
    }

    /** A value by path: {@code frame.func}, {@code bkpt.line}, {@code stack.0.frame.func}. */
    public Object get(String path) {
        Object v = results;
        for (String part : path.split("\\.")) {
            if (v instanceof Map<?, ?> m) v = m.get(part);
            else if (v instanceof List<?> l && part.chars().allMatch(Character::isDigit) && Integer.parseInt(part) < l.size()) v = l.get(Integer.parseInt(part));
            else return null;
        }
        return v;
    }

    public String str(String path) {
        Object v = get(path);
        return v == null ? null : v.toString();
    }

    private static final class Parser {
        final String s;
        int i;

        Parser(String s, int i) {
            this.s = s;
            this.i = i;
        }

        boolean peek(char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        void expect(char c) {
            if (!peek(c)) throw new IllegalArgumentException("expected '" + c + "' at " + i + " in " + s);
            i++;
        }

        void end() {
            if (i != s.length()) throw new IllegalArgumentException("trailing text at " + i + " in " + s);
        }

        String word() {
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '-' || s.charAt(i) == '_')) i++;
            if (start == i) throw new IllegalArgumentException("expected a name at " + i + " in " + s);
            return s.substring(start, i);
        }

        Object value() {
            if (peek('"')) return cstring();
            if (peek('{')) {
                i++;
                if (peek('"')) return bareValues();
                Map<String, Object> m = new LinkedHashMap<>();
                while (!peek('}')) {
                    if (!m.isEmpty()) expect(',');
                    String name = word();
                    expect('=');
                    m.put(name, value());
                }
                i++;
                return m;
            }
            expect('[');
            List<Object> l = new ArrayList<>();
            while (!peek(']')) {
                if (!l.isEmpty()) expect(',');
                if (peek('"') || peek('{') || peek('[')) {
                    l.add(value());
                } else {
                    String name = word();
                    expect('=');
                    Map<String, Object> one = new LinkedHashMap<>();
                    one.put(name, value());
                    l.add(one);
                }
            }
            i++;
            return l;
        }

        /** gdb's MI3 {@code script={"…","…"}}: values in braces, kept apart from a list as {@code {"{}": [...]}}. */
        Object bareValues() {
            List<Object> l = new ArrayList<>();
            while (!peek('}')) {
                if (!l.isEmpty()) expect(',');
                l.add(cstring());
            }
            i++;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("{}", l);
            return m;
        }

        String cstring() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                if (i >= s.length()) throw new IllegalArgumentException("unterminated string in " + s);
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c != '\\') {
                    if (c < 0x20) throw new IllegalArgumentException("raw control character in " + s);
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'f' -> b.append('\f');
                    case '"', '\\' -> b.append(e);
                    default -> {
                        if (e < '0' || e > '7') throw new IllegalArgumentException("bad escape \\" + e + " in " + s);
                        int v = e - '0';
                        for (int k = 0; k < 2 && i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '7'; k++) v = v * 8 + (s.charAt(i++) - '0');
                        b.append((char) v);
                    }
                }
            }
        }
    }
}
