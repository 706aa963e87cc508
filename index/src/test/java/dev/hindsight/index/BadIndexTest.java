package dev.hindsight.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.index.testing.Recording;
import dev.hindsight.index.testing.ShardedBuild;
import dev.hindsight.index.testing.Synthetic;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missing, half-written, corrupt or newer index is refused with a clear message; a rerun starts clean. */
class BadIndexTest {
    static final long STEPS = 30_000;
    @TempDir
    Path trace;
    Path recording;

    @BeforeEach
    void stream() throws Exception {
        recording = Files.createTempFile("synthetic", ".rec");
        recording.toFile().deleteOnExit();
        try (Recording.Writer w = new Recording.Writer(recording)) {
            Synthetic.generate(STEPS, w);
        }
    }

    private String refusal() {
        return assertThrows(IndexException.class, () -> IndexReader.open(trace).close()).getMessage();
    }

    private Path index(String file) {
        return trace.resolve("index").resolve(file);
    }

    @Test
    void noIndexSaysToBuild() {
        assertTrue(refusal().contains("has no index: run `hindsight build"), refusal());
    }

    @Test
    void anInterruptedBuildIsNeverUsedAndARerunStartsClean() throws Exception {
        IndexStore.prepare(trace);
        ShardWriter w = IndexStore.createShard(trace, 0, new ShardStart(0, 1, new long[27], null, java.util.List.of()));
        w.instruction(1, new long[27], StepKind.OTHER, null, null);
        w.close(); // the builder died here: never finished, never committed
        assertTrue(refusal().contains("incomplete (its build was interrupted)"), refusal());
        assertTrue(assertThrows(IndexException.class, () -> IndexStore.commit(trace, 1)).getMessage().contains("shard 0 is not finished"));
        Path stale = trace.resolve("index.staging").resolve("shard-5");
        Files.createDirectories(stale);
        ShardedBuild.build(recording, trace, STEPS, 2);
        assertFalse(Files.exists(trace.resolve("index.staging")), "the staging directory became the index");
        assertFalse(Files.exists(index("shard-5")), "the interrupted build's leftovers are gone");
        try (IndexReader r = IndexReader.open(trace)) {
            assertEquals(STEPS, r.instructionCount());
        }
    }

    @Test
    void anIndexWithoutItsManifestIsHalfWritten() throws Exception {
        ShardedBuild.build(recording, trace, STEPS, 1);
        Files.delete(index("manifest.properties"));
        assertTrue(refusal().contains("has no manifest (half written)"), refusal());
    }

    @Test
    void aTruncatedShardIsRefusedAtOpen() throws Exception {
        ShardedBuild.build(recording, trace, STEPS, 2);
        Path blocks = index("shard-1/blocks.bin");
        try (RandomAccessFile f = new RandomAccessFile(blocks.toFile(), "rw")) {
            f.setLength(f.length() - 100);
        }
        assertTrue(refusal().contains("shard-1/blocks.bin has") && refusal().contains("(truncated?)"), refusal());
    }

    @Test
    void aFlippedBitIsReportedNotDecoded() throws Exception {
        ShardedBuild.build(recording, trace, STEPS, 1);
        Path blocks = index("shard-0/blocks.bin");
        try (RandomAccessFile f = new RandomAccessFile(blocks.toFile(), "rw")) {
            f.seek(40);
            int b = f.read();
            f.seek(40);
            f.write(b ^ 0x10);
        }
        try (IndexReader r = IndexReader.open(trace)) {
            IndexException e = assertThrows(IndexException.class, () -> r.registersAt(5));
            assertTrue(e.getMessage().contains("blocks.bin fails its checksum at offset 0"), e.getMessage());
        }
    }

    @Test
    void anEditedManifestFailsItsChecksum() throws Exception {
        ShardedBuild.build(recording, trace, STEPS, 1);
        Path m = index("manifest.properties");
        Files.writeString(m, Files.readString(m).replace("shard.0.count=" + STEPS, "shard.0.count=" + (STEPS - 1)));
        assertTrue(refusal().contains("manifest fails its checksum"), refusal());
    }

    @Test
    void aNewerFormatIsRefusedSayingSo() throws Exception {
        ShardedBuild.build(recording, trace, STEPS, 1);
        setVersion(IndexStore.VERSION + 1);
        assertTrue(refusal().contains("has format version " + (IndexStore.VERSION + 1) + ", newer than this Hindsight reads (" + IndexStore.VERSION + ")"),
                refusal());
    }

    @Test
    void anOlderFormatIsRefusedWithTheCommandThatRebuildsIt() throws Exception {
        // Version 1's posting lists had no skip blocks: read as version 2 they would give wrong times.
        ShardedBuild.build(recording, trace, STEPS, 1);
        setVersion(1);
        assertTrue(refusal().contains("has format version 1, older than this Hindsight reads (" + IndexStore.VERSION + "): rebuild it with `hindsight build "),
                refusal());
    }

    private void setVersion(int version) throws Exception {
        Path m = index("manifest.properties");
        String text = Files.readString(m);
        String body = text.substring(0, text.lastIndexOf("crc=")).replace("version=" + IndexStore.VERSION, "version=" + version);
        Files.writeString(m, body + "crc=" + IndexStore.crc(body) + "\n");
    }

    @Test
    void aSecondCommitReplacesTheFirstIndexWhole() throws Exception {
        ShardedBuild.build(recording, trace, STEPS, 3);
        long[] before;
        try (IndexReader r = IndexReader.open(trace)) {
            before = r.registersAt(STEPS - 1);
        }
        ShardedBuild.build(recording, trace, STEPS, 1);
        try (IndexReader r = IndexReader.open(trace)) {
            assertEquals(1, r.shardCount());
            assertArrayEquals(before, r.registersAt(STEPS - 1));
        }
        assertFalse(Files.exists(trace.resolve("index.old")));
    }
}
