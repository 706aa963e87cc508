package dev.hindsight.dap.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages are held until a flush, which writes them all in one write, framed as a reader reads them. */
class FrameWriterTest {
    /** Records each write call, as a pipe or socket would see them. */
    private static final class Writes extends OutputStream {
        final List<byte[]> calls = new ArrayList<>();
        final ByteArrayOutputStream all = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            calls.add(java.util.Arrays.copyOfRange(b, off, off + len));
            all.write(b, off, len);
        }
    }

    @Test
    void heldMessagesGoOutInOneWriteAndReadBackInOrder() throws Exception {
        Writes out = new Writes();
        FrameWriter w = new FrameWriter(out);
        w.accept("{\"seq\":1,\"type\":\"response\"}");
        w.accept("{\"seq\":2,\"type\":\"event\",\"body\":\"é\"}");
        assertEquals(0, out.calls.size(), "nothing before the flush");
        w.flush();
        w.flush(); // nothing held: no empty write
        assertEquals(1, out.calls.size());
        FrameReader r = new FrameReader(new ByteArrayInputStream(out.all.toByteArray()));
        assertEquals("{\"seq\":1,\"type\":\"response\"}", r.read());
        assertEquals("{\"seq\":2,\"type\":\"event\",\"body\":\"é\"}", r.read());
    }

    @Test
    void aLargeAnswerIsWrittenWithoutWaitingForTheFlush() {
        Writes out = new Writes();
        FrameWriter w = new FrameWriter(out);
        w.accept("\"" + "x".repeat(300_000) + "\"");
        assertEquals(1, out.calls.size());
    }
}
