package dev.hindsight.dap.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The client's bytes on their way to the session, with well-framed messages offered to a
 * rewriter ({@link LaunchRewriter}). Everything else passes byte for byte, and as soon as it can:
 * broken framing reaches the session's own reader ({@code FrameReader}) unchanged, which
 * reports it as on stdin. This reader follows the same rules to find where messages start (header
 * lines up to an empty line; after garbage, the next {@code Content-Length} header), so that a
 * launch after broken input is still seen.
 */
final class LaunchFilter extends InputStream {
    private static final int MAX_HEADER_LINE = 8192;
    private static final Pattern HEADER = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+:.*");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
    private static final byte[] CONTENT_LENGTH = "content-length".getBytes(StandardCharsets.US_ASCII);

    private final PushbackInputStream in;
    private final UnaryOperator<byte[]> rewriter;
    /** Messages larger than this pass unread: the session skips and refuses them itself. */
    private final long maxRewrite;
    private byte[] out = new byte[0];
    private int at;
    private boolean lost, ended;
    /** Bytes of a body too large to rewrite still to pass as they come. */
    private long passing;

    /** @param rewriter a body to send instead of the given one, or null to send it as it came */
    LaunchFilter(InputStream in, long maxRewrite, UnaryOperator<byte[]> rewriter) {
        this.maxRewrite = maxRewrite;
        this.in = new PushbackInputStream(in, MAX_HEADER_LINE + 64);
        this.rewriter = rewriter;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (at >= out.length) {
            if (ended) return -1;
            if (passing > 0) {
                int n = in.read(b, off, (int) Math.min(len, passing));
                if (n < 0) return -1;
                passing -= n;
                return n;
            }
            at = 0;
            out = lost ? resynchronise() : message();
        }
        int n = Math.min(len, out.length - at);
        System.arraycopy(out, at, b, off, n);
        at += n;
        return n;
    }

    /** One message (rewritten or as it came), or the bytes read before the framing was lost. */
    private byte[] message() throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        String length = null;
        boolean any = false;
        while (true) {
            byte[] raw = line();
            if (raw.length == 0) {
                ended = true;
                return headers.toByteArray();
            }
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            if (!text.endsWith("\n")) {
                // The input ended inside a line, or it is too long for a header: as it came.
                headers.write(raw);
                lost = true;
                return headers.toByteArray();
            }
            text = text.substring(0, text.length() - 1);
            if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
            if (text.isEmpty()) {
                headers.write(raw);
                if (!any) return headers.toByteArray(); // a stray blank line between messages
                break;
            }
            if (!isHeader(text)) {
                // Garbage: the session's reader looks for a Content-Length header from this line's start.
                in.unread(raw);
                lost = true;
                return headers.toByteArray();
            }
            any = true;
            headers.write(raw);
            String name = text.substring(0, text.indexOf(':')).toLowerCase(Locale.ROOT);
            if (name.equals("content-length")) length = text.substring(text.indexOf(':') + 1).trim();
        }
        if (length == null || !DIGITS.matcher(length).matches()) {
            lost = true;
            return headers.toByteArray();
        }
        long n = Long.parseLong(length);
        if (n > maxRewrite) {
            passing = n;
            return headers.toByteArray();
        }
        byte[] body = in.readNBytes((int) n);
        byte[] instead = body.length == n ? rewriter.apply(body) : null;
        if (instead == null) return concat(headers.toByteArray(), body);
        return concat(("Content-Length: " + instead.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), instead);
    }

    /** Bytes up to the next {@code Content-Length} header (which is left to read), as the session's reader skips them. */
    private byte[] resynchronise() throws IOException {
        ByteArrayOutputStream skipped = new ByteArrayOutputStream();
        int matched = 0;
        while (true) {
            if (matched == 0 && skipped.size() > 0 && in.available() == 0) return skipped.toByteArray(); // pass on what came
            int c = in.read();
            if (c < 0) {
                ended = true;
                return skipped.toByteArray();
            }
            skipped.write(c);
            int lower = c >= 'A' && c <= 'Z' ? c + 32 : c;
            if (lower == CONTENT_LENGTH[matched]) {
                if (++matched < CONTENT_LENGTH.length) continue;
                byte[] rest = line();
                String r = new String(rest, StandardCharsets.ISO_8859_1).stripLeading();
                if (r.startsWith(":")) {
                    byte[] all = skipped.toByteArray();
                    in.unread(rest);
                    in.unread(all, all.length - CONTENT_LENGTH.length, CONTENT_LENGTH.length);
                    lost = false;
                    return java.util.Arrays.copyOf(all, all.length - CONTENT_LENGTH.length);
                }
                skipped.write(rest);
                matched = 0;
                continue;
            }
            matched = lower == CONTENT_LENGTH[0] ? 1 : 0;
        }
    }

    /** A line with its '\n', or what there is before the end of the input or MAX_HEADER_LINE bytes. */
    private byte[] line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            if (c == '\n' || b.size() > MAX_HEADER_LINE) break;
        }
        return b.toByteArray();
    }

    private static boolean isHeader(String line) {
        if (line.length() > MAX_HEADER_LINE || !HEADER.matcher(line).matches()) return false;
        String name = line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT);
        return name.equals("content-length") || !name.contains("content-length");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
