package dev.hindsight.dap.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads DAP's base protocol: {@code Content-Length: N} header lines, an empty line, then N bytes
 * of UTF-8 JSON. A bad header is reported and skipped (the reader resynchronises on the next
 * header block) rather than ending the connection.
 */
public final class FrameReader {
    /** Larger bodies are refused: no legitimate request comes near it. */
    public static final int MAX_BODY = 64 << 20;
    private static final int MAX_HEADER_LINE = 8192;

    private final InputStream in;

    public FrameReader(InputStream in) {
        // Buffered: headers are read a byte at a time, and JDK 17's FileInputStream.readNBytes
        // seeks, which fails on a pipe (stdin).
        this.in = new java.io.BufferedInputStream(in, 1 << 16);
    }

    /** A framing problem the caller may report; reading can go on. */
    public static final class FramingException extends IOException {
        FramingException(String message) {
            super(message);
        }
    }

    /** The next message body, or null at end of stream. */
    public String read() throws IOException {
        int length = -1;
        boolean any = false;
        while (true) {
            String line = line();
            if (line == null) return null;
            if (line.isEmpty()) {
                if (!any) continue; // tolerate stray blank lines between messages
                break;
            }
            any = true;
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                try {
                    length = Integer.parseInt(line.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    throw new FramingException("bad Content-Length header: " + line);
                }
            }
        }
        if (length < 0) throw new FramingException("message without Content-Length header");
        if (length > MAX_BODY) {
            in.skipNBytes(length);
            throw new FramingException("message of " + length + " bytes is larger than " + MAX_BODY);
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) return null;
        return new String(body, StandardCharsets.UTF_8);
    }

    private String line() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') break;
            if (buf.size() < MAX_HEADER_LINE) buf.write(c);
        }
        if (c < 0 && buf.size() == 0) return null;
        String s = buf.toString(StandardCharsets.US_ASCII);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
