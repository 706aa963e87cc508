package dev.hindsight.dap.transport;

import dev.hindsight.dap.protocol.RequestIdentity;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads DAP's base protocol: {@code Content-Length: N} header lines, an empty line, then N bytes
 * of UTF-8 JSON. Whatever does not fit is reported to {@link Problems} and reading goes on with the
 * next well-framed message (see the package documentation for each case); only the end of the
 * input or a failing stream ends it.
 */
public final class FrameReader {
    private static final int MAX_HEADER_LINE = 8192;
    private static final byte[] CONTENT_LENGTH = "content-length".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern HEADER = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+:.*");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    /** What the reader tells about input it skipped. */
    public interface Problems {
        /** Something was wrong with the framing; {@code what} says what and what was skipped. */
        void framing(String what);

        /** A request was skipped (too large, or without a Content-Length): answer it with {@code why}. */
        void refused(RequestIdentity request, String why);
    }

    private final Input in;
    private final int maxBody;
    private final Problems problems;
    private final byte[] scratch = new byte[1 << 16];
    /** Lost track of the framing: the next message starts at the next Content-Length header. */
    private boolean lost;

    /** A reader for the adapter's own answers (test clients): no size limit worth the name, problems ignored. */
    public FrameReader(InputStream in) {
        this(in, Integer.MAX_VALUE - 8, new Problems() {
            @Override
            public void framing(String what) {
            }

            @Override
            public void refused(RequestIdentity request, String why) {
            }
        });
    }

    public FrameReader(InputStream in, int maxBody, Problems problems) {
        // Buffered: headers are read a byte at a time, and the header line just read is read again
        // when it turns out to be garbage (mark/reset). JDK 17's FileInputStream.readNBytes and skip
        // seek, which fails on a pipe (stdin).
        this.in = new Input(in, 1 << 16);
        this.maxBody = maxBody;
        this.problems = problems;
    }

    /** The next well-framed message body, or null at the end of the input. */
    public String read() throws IOException {
        if (!lost) {
            String body = in.takeFrame(maxBody);
            if (body != null) return body;
        }
        while (true) {
            long length = lost ? resynchronise() : headers(null);
            if (length == END) return null;
            if (length < 0) continue; // a problem was reported; the next header decides
            if (length > maxBody) {
                skipOversized(length);
                continue;
            }
            byte[] body = in.readNBytes((int) length);
            if (body.length < length) {
                throw new EOFException("the input ended inside a message (" + body.length + " of its " + length + " bytes)");
            }
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final long END = Long.MIN_VALUE;
    private static final long SKIPPED = -1;

    /**
     * Reads a header block up to its empty line; {@code contentLength} is the value of a
     * Content-Length header already found by {@link #resynchronise}, or null.
     * @return the body's length, {@link #SKIPPED} after a reported problem, or {@link #END}
     */
    private long headers(String contentLength) throws IOException {
        String value = contentLength;
        String first = contentLength == null ? null : "Content-Length:" + contentLength;
        while (true) {
            in.mark(MAX_HEADER_LINE + 2);
            String line = line();
            if (line == null) {
                if (first != null) throw new EOFException("the input ended inside a message's headers");
                return END;
            }
            if (line.isEmpty()) {
                if (first == null) continue; // stray blank lines between messages are harmless
                break;
            }
            if (first == null) first = line;
            String name = header(line);
            if (name == null) {
                in.reset(); // a Content-Length header may follow the garbage on the same line
                return lose("unexpected bytes between messages: '" + excerpt(line) + "'");
            }
            if (name.equals("content-length")) value = line.substring(line.indexOf(':') + 1).trim();
        }
        if (value == null) {
            return lose("a message without a Content-Length header (headers: '" + excerpt(first) + "')");
        }
        if (!DIGITS.matcher(value).matches()) {
            return lose("a message with a bad Content-Length '" + excerpt(value) + "'");
        }
        return Long.parseLong(value);
    }

    /** The lower-case name of a header line, or null when the line is no header of ours. */
    private static String header(String line) {
        if (line.length() > MAX_HEADER_LINE || !HEADER.matcher(line).matches()) return null;
        String name = line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT);
        // "garbageContent-Length:" is garbage followed by a header, not a header named so
        if (!name.equals("content-length") && name.contains("content-length")) return null;
        return name;
    }

    private long lose(String what) {
        lost = true;
        problems.framing(what + ": skipping to the next Content-Length header");
        return SKIPPED;
    }

    /**
     * Skips to the next {@code Content-Length:} header, wherever it starts (the skipped message's
     * body ends without a newline). A request in the skipped bytes is identified and refused, so
     * that its client is not left waiting for an answer.
     */
    private long resynchronise() throws IOException {
        RequestIdentity skipped = new RequestIdentity();
        int matched = 0;
        while (true) {
            int c = in.read();
            if (c < 0) return END;
            skipped.feed(c);
            if (skipped.complete()) {
                skipped.finish();
                if (skipped.answerable()) {
                    problems.refused(skipped, describe(skipped) + " came without a Content-Length header: not run");
                }
                skipped = new RequestIdentity();
            }
            int lower = c >= 'A' && c <= 'Z' ? c + 32 : c;
            if (lower == CONTENT_LENGTH[matched]) {
                if (++matched < CONTENT_LENGTH.length) continue;
                String rest = line();
                if (rest != null && rest.stripLeading().startsWith(":")) {
                    lost = false;
                    return headers(rest.stripLeading().substring(1).trim());
                }
                matched = 0;
                continue;
            }
            matched = lower == CONTENT_LENGTH[0] ? 1 : 0;
        }
    }

    /** Skips a body over the limit without keeping it, and refuses its request when it says which it was. */
    private void skipOversized(long length) throws IOException {
        problems.framing("a message of " + length + " bytes is over the limit of " + maxBody
                + " bytes (hindsight dap --max-message): skipping it");
        RequestIdentity request = new RequestIdentity();
        long left = length;
        while (left > 0) {
            int n = in.read(scratch, 0, (int) Math.min(scratch.length, left));
            if (n < 0) throw new EOFException("the input ended inside a skipped message (" + (length - left) + " of its " + length + " bytes)");
            request.feed(scratch, 0, n);
            left -= n;
        }
        request.finish();
        if (request.answerable()) {
            problems.refused(request, describe(request) + " of " + length + " bytes is over the limit of "
                    + maxBody + " bytes per message (hindsight dap --max-message BYTES raises it): not run");
        }
    }

    /** A header line without its line end, null at the end of the input; stops after MAX_HEADER_LINE bytes. */
    private String line() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            buf.write(c);
            if (buf.size() > MAX_HEADER_LINE) break; // too long to be a header: the mark still holds
        }
        if (c < 0 && buf.size() == 0) return null;
        String s = buf.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static String describe(RequestIdentity r) {
        return (r.command() == null ? "a request" : "request '" + r.command() + "'") + " (seq " + r.seq() + ")";
    }

    private static String excerpt(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 60 ? printable.substring(0, 60) + "…" : printable;
    }

    /**
     * The buffer under the reader, which can hand over a whole message at once: a client writes
     * each message in one piece, so its header and body are usually buffered together. Reading the
     * header a byte at a time (a lock per byte in BufferedInputStream and in the line's buffer,
     * two regular expressions) cost 5% of the reader thread's samples in a JFR profile of warm
     * step round trips.
     */
    private static final class Input extends BufferedInputStream {
        private static final byte[] PREFIX = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);

        Input(InputStream in, int size) {
            super(in, size);
        }

        /**
         * The body of the message at the read position when its header is exactly
         * {@code Content-Length: N} and all of it is buffered (read from the stream at once when
         * nothing is), the position moved past it; otherwise null and nothing consumed, for the
         * byte-wise reading that handles every other case (other headers, blank lines, garbage,
         * bodies over the limit or not yet arrived).
         */
        synchronized String takeFrame(int maxBody) throws IOException {
            byte[] b = buf;
            if (b == null) throw new IOException("Stream closed");
            if (pos >= count) {
                // Nothing buffered (the usual case between messages): the next bytes, in one read.
                // No mark is held between messages, so the buffer may start over.
                markpos = -1;
                pos = 0;
                count = 0;
                int n = in.read(b, 0, b.length);
                if (n <= 0) return null; // the end: the byte-wise reading sees it again
                count = n;
            }
            int at = pos;
            if (count - at < PREFIX.length + 5) return null;
            for (byte c : PREFIX) {
                if (b[at++] != c) return null;
            }
            long length = 0;
            int digits = 0;
            while (at < count && b[at] >= '0' && b[at] <= '9' && digits < 10) {
                length = length * 10 + (b[at++] - '0');
                digits++;
            }
            if (digits == 0 || digits == 10 || length > maxBody || count - at < 4) return null;
            if (b[at] != '\r' || b[at + 1] != '\n' || b[at + 2] != '\r' || b[at + 3] != '\n') return null;
            at += 4;
            if (count - at < length) return null;
            pos = at + (int) length;
            return new String(b, at, (int) length, StandardCharsets.UTF_8);
        }
    }
}
