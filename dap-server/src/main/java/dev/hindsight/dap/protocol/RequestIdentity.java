package dev.hindsight.dap.protocol;

/**
 * The top-level {@code seq}, {@code command} and {@code type} of a DAP message, found however its
 * keys are ordered and whatever else in it is broken (wrong argument types, a syntax error inside
 * {@code arguments}), so that an error can answer the very request it is about. VS Code writes
 * {@code seq} last, after {@code arguments}: a parser that gives up at the first bad argument
 * never reads it.
 *
 * <p>Fed a character (or a byte of UTF-8: every character that matters here is ASCII) at a time,
 * it keeps a few counters and at most {@link #MAX_CAPTURE} characters, so it can also identify a
 * body that is skipped rather than read (one over the size limit).
 */
public final class RequestIdentity {
    /** Keys and captured values longer than this are not ours (ours are short). */
    private static final int MAX_CAPTURE = 128;

    private int depth;
    private boolean inString;
    private boolean escaped;
    private boolean sawObject;
    /** The depth-1 string being read, or null when not capturing. */
    private StringBuilder string;
    /** A depth-1 string that just ended: a key if a colon follows. */
    private String maybeKey;
    /** The key whose value comes next (cleared once read). */
    private String valueOf;
    private StringBuilder number;
    private Integer seq;
    private String command;
    private String type;

    /** The identity of a whole message. */
    public static RequestIdentity of(String text) {
        RequestIdentity id = new RequestIdentity();
        for (int i = 0; i < text.length(); i++) id.feed(text.charAt(i));
        id.finish();
        return id;
    }

    /** Feeds the next bytes of a UTF-8 message. */
    public void feed(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) feed(bytes[i] & 0xff);
    }

    /** Feeds the next character. */
    public void feed(int c) {
        if (inString) {
            string(c);
            return;
        }
        if (number != null) {
            if (c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' || (c >= '0' && c <= '9')) {
                if (number.length() < MAX_CAPTURE) number.append((char) c);
                return;
            }
            endNumber();
        }
        switch (c) {
            case ' ', '\t', '\r', '\n' -> { }
            case '"' -> {
                inString = true;
                string = depth == 1 ? new StringBuilder() : null;
            }
            case ':' -> {
                valueOf = depth == 1 ? maybeKey : null;
                maybeKey = null;
            }
            case '{', '[' -> {
                if (depth == 0 && c == '{') sawObject = true;
                depth++;
                forget();
            }
            case '}', ']' -> {
                depth = Math.max(0, depth - 1); // stray closers in garbage before a message
                forget();
            }
            default -> {
                if (depth == 1 && valueOf != null && (c == '-' || (c >= '0' && c <= '9'))) {
                    number = new StringBuilder().append((char) c);
                } else if (c != ',') {
                    // true/false/null and stray characters: nothing we capture
                    if (valueOf != null && !Character.isLetter(c)) valueOf = null;
                } else {
                    forget();
                }
            }
        }
    }

    /** Ends the input (a number at the very end is complete now). */
    public void finish() {
        if (number != null) endNumber();
    }

    /** The top-level object just closed: a complete message was fed. */
    public boolean complete() {
        return sawObject && depth == 0 && !inString;
    }

    public Integer seq() {
        return seq;
    }

    public String command() {
        return command;
    }

    public String type() {
        return type;
    }

    /**
     * Whether an error response can answer it: it has a seq, says it is a request or names a
     * command, and is no other kind of message.
     */
    public boolean answerable() {
        return seq != null && (type == null ? command != null : type.equals("request"));
    }

    private void string(int c) {
        boolean end = false;
        if (escaped) {
            escaped = false;
        } else if (c == '\\') {
            escaped = true;
            return;
        } else if (c == '"') {
            end = true;
        }
        if (!end) {
            if (string != null && string.length() < MAX_CAPTURE) string.append((char) c);
            return;
        }
        inString = false;
        if (string == null) return;
        String s = string.length() < MAX_CAPTURE ? string.toString() : null;
        string = null;
        if (valueOf != null) {
            if (s != null) assign(valueOf, s);
            valueOf = null;
        } else {
            maybeKey = s;
        }
    }

    private void endNumber() {
        if ("seq".equals(valueOf)) assign("seq", number.toString());
        number = null;
        valueOf = null;
    }

    private void assign(String key, String value) {
        switch (key) {
            case "seq" -> {
                try {
                    seq = Integer.valueOf(value.trim()); // gson reads "seq": "7" as 7 too
                } catch (NumberFormatException e) {
                    seq = null;
                }
            }
            case "command" -> command = value;
            case "type" -> type = value;
            default -> { }
        }
    }

    private void forget() {
        maybeKey = null;
        valueOf = null;
    }
}
