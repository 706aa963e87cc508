package dev.hindsight.index;

import dev.hindsight.index.format.ByteSource;
import dev.hindsight.index.format.FrameReader;
import dev.hindsight.index.format.Layout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Creating an index: {@link #prepare} once per build (it removes what an interrupted build left),
 * {@link #createShard} per shard (any thread or process), {@link #commit} once all shards are
 * finished. Until the commit the shards live in {@code TRACE/index.staging/}; the commit writes
 * the manifest (format, version, each shard's count and global offset) last and renames the
 * directory to {@code TRACE/index/}, so a reader sees a whole index or none.
 */
public final class IndexStore {
    public static final String FORMAT = "hindsight-index";
    /** 2: posting lists with skip blocks ({@code PostingWriter}). A reader refuses any other version. */
    public static final int VERSION = 2;
    static final String INDEX = "index", STAGING = "index.staging", MANIFEST = "manifest.properties";

    private IndexStore() {}

    public static Path indexDir(Path traceDir) { return traceDir.resolve(INDEX); }

    static Path stagingDir(Path traceDir) { return traceDir.resolve(STAGING); }

    /** Starts a build clean: a stale staging directory (an interrupted build) is removed. */
    public static void prepare(Path traceDir) {
        if (!Files.isDirectory(traceDir)) throw new IndexException("no trace directory " + traceDir);
        Path staging = stagingDir(traceDir);
        deleteRecursively(staging);
        try {
            Files.createDirectory(staging);
        } catch (IOException e) {
            throw new IndexException("cannot create " + staging + ": " + e.getMessage(), e);
        }
    }

    /** A writer for shard {@code shard} (0-based); what an earlier attempt at this shard left goes. */
    public static ShardWriter createShard(Path traceDir, int shard, ShardStart start) {
        Path staging = stagingDir(traceDir);
        if (!Files.isDirectory(staging)) throw new IndexException("no build in progress in " + traceDir + " (IndexStore.prepare first)");
        Path dir = staging.resolve(shardName(shard));
        deleteRecursively(dir);
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw new IndexException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        return new ShardWriter(dir, start);
    }

    static String shardName(int shard) { return "shard-" + shard; }

    /**
     * Makes the index of shards 0..shards-1 the trace's index, atomically; refuses if one is
     * missing or unfinished. Returns the total instruction count. Replaces an older index.
     */
    public static long commit(Path traceDir, int shards) {
        Path staging = stagingDir(traceDir);
        if (!Files.isDirectory(staging)) throw new IndexException("no build in progress in " + traceDir);
        StringBuilder manifest = new StringBuilder();
        manifest.append("format=").append(FORMAT).append('\n');
        manifest.append("version=").append(VERSION).append('\n');
        manifest.append("shards=").append(shards).append('\n');
        long offset = 0;
        for (int k = 0; k < shards; k++) {
            Path meta = staging.resolve(shardName(k)).resolve(Layout.SHARD);
            if (!Files.isRegularFile(meta)) throw new IndexException("shard " + k + " is not finished; cannot commit the index");
            long count;
            try (FrameReader r = new FrameReader(meta)) {
                ByteSource s = new ByteSource(r.read(0));
                if (!s.string().equals(Layout.SHARD_MAGIC)) throw new IndexException("shard " + k + " is not an index shard");
                count = s.varint();
                manifest.append("shard.").append(k).append(".count=").append(count).append('\n');
                manifest.append("shard.").append(k).append(".offset=").append(offset).append('\n');
                manifest.append("shard.").append(k).append(".meta=").append(Files.size(meta)).append('\n');
            } catch (IOException e) {
                throw new IndexException("cannot read " + meta + ": " + e.getMessage(), e);
            }
            offset += count;
        }
        manifest.append("instructions=").append(offset).append('\n');
        String body = manifest.toString();
        String text = body + "crc=" + crc(body) + "\n";
        Path tmp = staging.resolve(MANIFEST + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            moveAtomically(tmp, staging.resolve(MANIFEST));
            Path index = indexDir(traceDir);
            Path old = traceDir.resolve("index.old");
            deleteRecursively(old);
            if (Files.exists(index)) moveAtomically(index, old);
            moveAtomically(staging, index);
            deleteRecursively(old);
        } catch (IOException e) {
            throw new IndexException("cannot commit the index in " + traceDir + ": " + e.getMessage(), e);
        }
        return offset;
    }

    static String crc(String text) {
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(text.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(c.getValue());
    }

    static void moveAtomically(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IndexException("the file system of " + to + " cannot rename atomically", e);
        } catch (IOException e) {
            throw new IndexException("cannot rename " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (NoSuchFileException ignored) {
            // someone else removed it first
        } catch (IOException e) {
            throw new IndexException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }
}
