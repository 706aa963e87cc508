package dev.hindsight.index.bench;

import dev.hindsight.index.testing.Recording;
import java.nio.file.Path;

/** A storage candidate measured by {@link StorageBenchmark}: written from a stream, then queried. */
interface Candidate {
    String name();

    /** A visitor that stores the stream into {@code dir}; {@link Sink#close} finishes it. */
    Sink writer(Path dir) throws Exception;

    Queries open(Path dir) throws Exception;

    interface Sink extends Recording.Visitor, AutoCloseable {
        @Override
        void close() throws Exception;
    }

    interface Queries extends AutoCloseable {
        long[] registersAt(long t) throws Exception;

        byte[] memoryAt(long t, long address, int length) throws Exception;

        /** Every time the pc ran. */
        long[] executionsOf(long pc) throws Exception;

        /** How many writes overlap [address, address+length) in [from, to). */
        int writesTo(long address, int length, long from, long to) throws Exception;

        @Override
        void close() throws Exception;
    }
}
