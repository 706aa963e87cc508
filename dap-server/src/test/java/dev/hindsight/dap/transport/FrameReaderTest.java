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
