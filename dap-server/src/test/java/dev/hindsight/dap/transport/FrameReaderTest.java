package dev.hindsight.dap.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.dap.protocol.RequestIdentity;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Broken framing is reported, and the next well-framed message is read: nothing swallows it. */
class FrameReaderTest {
    private static final String NEXT = "{\"seq\":2,\"type\":\"request\",\"command\":\"threads\"}";

    /** What the reader reported: framing problems and refused requests ("seq N: why"). */
    private static final class Reports implements FrameReader.Problems {
        final List<String> framing = new ArrayList<>();
        final List<String> refused = new ArrayList<>();

        @Override
        public void framing(String what) {
            framing.add(what);
        }

        @Override
        public void refused(RequestIdentity request, String why) {
            refused.add("seq " + request.seq() + ": " + why);
        }
    }

    private static String frame(String body) {
        return "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads what follows {@code broken}; the next message must be NEXT and then the end. */
    private static Reports readAfter(String broken) throws IOException {
        Reports reports = new Reports();
        FrameReader r = new FrameReader(bytes(broken + frame(NEXT)), 1 << 20, reports);
        assertEquals(NEXT, r.read(), "the message after " + broken);
        assertNull(r.read());
        return reports;
    }

    /** Returns at most {@code chunk} bytes per read, as a pipe may deliver a client's writes. */
    private static InputStream inChunks(String s, int chunk) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    /**
     * Whole messages in the buffer are taken at once, messages in pieces are read byte-wise: both
     * give the same bodies and the same reports, whatever the pieces (one byte at a time, a header
     * split from its body, everything at once), with the header forms a whole-message path must
     * leave alone (other headers, other case, no space, leading zeros, blank lines, garbage).
     */
    @Test
    void messagesReadTheSameWholeOrInPieces() throws IOException {
        String unicode = "{\"seq\":3,\"type\":\"request\",\"command\":\"evaluate\",\"arguments\":{\"expression\":\"é 漢 😀\"}}";
        String inner = "{\"seq\":4,\"command\":\"x\",\"arguments\":{\"text\":\"Content-Length: 5\\r\\n\\r\\n\"}}";
        String input = frame(NEXT) + frame(unicode) + frame(inner) + frame("{}")
                + "Content-Type: application/json\r\n" + frame("{\"a\":1}")
                + "content-length: 7\r\n\r\n{\"b\":2}" + "Content-Length:7\r\n\r\n{\"c\":3}"
                + "Content-Length: 007\r\n\r\n{\"d\":4}" + "\r\n\r\n" + frame("{\"e\":5}")
                + "garbage" + frame("{\"f\":6}") + frame(NEXT);
        List<String> expected = List.of(NEXT, unicode, inner, "{}", "{\"a\":1}", "{\"b\":2}", "{\"c\":3}", "{\"d\":4}",
                "{\"e\":5}", "{\"f\":6}", NEXT);
        Reports whole = null;
        for (int chunk : new int[] {Integer.MAX_VALUE, 1, 2, 3, 7, 19, 20, 21, 64}) {
            Reports reports = new Reports();
            FrameReader r = new FrameReader(inChunks(input, chunk), 1 << 20, reports);
            List<String> bodies = new ArrayList<>();
            for (String m; (m = r.read()) != null; ) bodies.add(m);
            assertEquals(expected, bodies, "read in pieces of " + chunk);
            assertEquals(1, reports.framing.size(), "pieces of " + chunk + ": " + reports.framing);
            if (whole == null) whole = reports;
            assertEquals(whole.framing, reports.framing, "pieces of " + chunk);
        }
    }

    @Test
    void aMessageWithoutContentLengthIsReportedAndItsRequestRefusedNotRun() throws IOException {
        Reports r = readAfter("X-Nonsense: 1\r\n\r\n{\"command\":\"next\",\"arguments\":{\"threadId\":1},\"type\":\"request\",\"seq\":1}");
        assertEquals(1, r.framing.size(), r.framing.toString());
        assertTrue(r.framing.get(0).contains("without a Content-Length"), r.framing.toString());
        assertEquals(1, r.refused.size(), r.refused.toString());
        assertTrue(r.refused.get(0).startsWith("seq 1: request 'next'"), r.refused.toString());
    }

    @Test
    void badContentLengthsAreReported() throws IOException {
        for (String value : new String[] {"abc", "-5", "", "99999999999999999999", "12x"}) {
            Reports r = readAfter("Content-Length: " + value + "\r\n\r\n{\"seq\":1,\"type\":\"request\",\"command\":\"threads\"}");
            assertEquals(1, r.framing.size(), value + ": " + r.framing);
            assertTrue(r.framing.get(0).contains("bad Content-Length '" + value + "'"), r.framing.toString());
            assertEquals(1, r.refused.size(), value + ": " + r.refused);
        }
    }

    @Test
    void garbageBetweenMessagesIsReportedEvenGluedToTheNextHeader() throws IOException {
        Reports r = readAfter("garbage, not a header\r\n");
        assertEquals(1, r.framing.size(), r.framing.toString());
        assertTrue(r.framing.get(0).contains("unexpected bytes between messages: 'garbage, not a header'"), r.framing.toString());
        // no line end between the garbage and the header: the header is still found
        r = readAfter("junk");
        assertEquals(1, r.framing.size(), r.framing.toString());
        r = readAfter("\u0000\u00ff binary");
        assertEquals(1, r.framing.size(), r.framing.toString());
    }

    @Test
    void blankLinesBetweenMessagesAreHarmless() throws IOException {
        assertEquals(List.of(), readAfter("\r\n\n\r\n").framing);
    }

    /** n bytes of spaces, made as they are read: the test holds none of them either. */
    private static InputStream spaces(long n) {
        return new InputStream() {
            long left = n;

            @Override
            public int read() {
                if (left == 0) return -1;
                left--;
                return ' ';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) return -1;
                int k = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + k, (byte) ' ');
                left -= k;
                return k;
            }
        };
    }

    @Test
    void aHundredMegabyteMessageIsSkippedUnreadAndItsRequestRefused() throws IOException {
        String head = "{\"command\":\"evaluate\",\"arguments\":{\"expression\":\"";
        String tail = "\"},\"type\":\"request\",\"seq\":41}";
        long length = 100_000_000L;
        long padding = length - head.length() - tail.length();
        InputStream in = new SequenceInputStream(Collections.enumeration(List.of(
                bytes("Content-Length: " + length + "\r\n\r\n" + head), spaces(padding), bytes(tail + frame(NEXT)))));
        Reports reports = new Reports();
        FrameReader r = new FrameReader(in, 1 << 20, reports);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertEquals(NEXT, r.read());
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 16 << 20, "skipping 100 MB allocated " + allocated + " bytes");
        assertEquals(List.of("a message of 100000000 bytes is over the limit of 1048576 bytes (hindsight dap --max-message): skipping it"),
                reports.framing);
        assertEquals(1, reports.refused.size(), reports.refused.toString());
        assertTrue(reports.refused.get(0).startsWith("seq 41: request 'evaluate' (seq 41) of 100000000 bytes is over the limit"),
                reports.refused.toString());
    }

    @Test
    void theLimitIsTheReadersOwn() throws IOException {
        String body = "{\"seq\":3,\"type\":\"request\",\"command\":\"threads\",\"pad\":\"" + "x".repeat(100) + "\"}";
        Reports reports = new Reports();
        FrameReader r = new FrameReader(bytes(frame(body) + frame(NEXT)), 100, reports);
        assertEquals(NEXT, r.read());
        assertEquals(1, reports.refused.size());
        assertEquals(body, new FrameReader(bytes(frame(body)), body.length(), reports).read(), "a body of exactly the limit is read");
    }

    @Test
    void theInputEndingInsideAMessageIsAnErrorNotASilentEnd() {
        assertThrows(EOFException.class, () -> new FrameReader(bytes("Content-Length: 10\r\n\r\n{}"), 100, new Reports()).read());
        assertThrows(EOFException.class, () -> new FrameReader(bytes("Content-Length: 1000\r\n\r\n{}"), 100, new Reports()).read());
    }
}
