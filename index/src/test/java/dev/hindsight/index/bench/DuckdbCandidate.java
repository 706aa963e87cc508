package dev.hindsight.index.bench;

import dev.hindsight.index.Region;
import dev.hindsight.index.format.ByteSink;
import dev.hindsight.index.format.ByteSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * DuckDB (columnar, compressed, vectorised scans), used as one would: the same tables as
 * {@link SqliteCandidate} filled through DuckDB's appenders; no secondary indexes (its zone maps
 * on the time-ordered tables serve the time ranges; pc and address filters are column scans).
 */
final class DuckdbCandidate implements Candidate {
    static final int CHECKPOINT = 4096;

    @Override
    public String name() { return "DuckDB 1.4 (columnar tables)"; }

    private static Connection connect(Path dir) throws Exception {
        Files.createDirectories(dir);
        return DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("index.duckdb"));
    }

    @Override
    public Sink writer(Path dir) throws Exception {
        Connection c = connect(dir);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE instr(t BIGINT, tid INTEGER, pc BIGINT, kind TINYINT, regs BLOB)");
            s.execute("CREATE TABLE writes(t BIGINT, addr BIGINT, data BLOB, kernel BOOLEAN)");
            s.execute("CREATE TABLE image(t BIGINT, start BIGINT, data BLOB)");
            s.execute("CREATE TABLE meta(k VARCHAR, v BIGINT)");
        }
        org.duckdb.DuckDBConnection duck = c.unwrap(org.duckdb.DuckDBConnection.class);
        org.duckdb.DuckDBAppender instr = duck.createAppender("main", "instr");
        org.duckdb.DuckDBAppender writes = duck.createAppender("main", "writes");
        org.duckdb.DuckDBAppender image = duck.createAppender("main", "image");
        return new Sink() {
            long t, maxWrite = 1;
            long[] previous = new long[27];
            final ByteSink regs = new ByteSink(256);

            @Override
            public void start(int tid, long[] r, byte[] fxsave, List<Region> memory) {
                for (Region m : memory) region(0, m);
            }

            private void region(long from, Region m) {
                try {
                    image.beginRow().append(from).append(m.start()).append(m.bytes()).endRow();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void mapped(Region region) { region(t, region); }

            @Override
            public void instruction(int tid, long[] r, int kind, long[] addresses, byte[][] values, byte[] fxsave) {
                try {
                    regs.reset();
                    long[] base = t % CHECKPOINT == 0 ? new long[27] : previous;
                    long mask = 0;
                    for (int i = 0; i < 27; i++) if (r[i] != base[i]) mask |= 1L << i;
                    regs.putVarint(mask);
                    for (int i = 0; i < 27; i++) if ((mask & 1L << i) != 0) regs.putSigned(r[i] - base[i]);
                    previous = r;
                    instr.beginRow().append(t).append(tid).append(r[16]).append((byte) kind).append(regs.toArray()).endRow();
                    add(addresses, values, false);
                    t++;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            private void add(long[] addresses, byte[][] values, boolean kernel) throws Exception {
                if (addresses == null) return;
                for (int i = 0; i < addresses.length; i++) {
                    writes.beginRow().append(t).append(addresses[i]).append(values[i]).append(kernel).endRow();
                    maxWrite = Math.max(maxWrite, values[i].length);
                }
            }

            @Override
            public void syscall(long number, long[] args, long result, long[] addresses, byte[][] values) {
                t--;
                try {
                    add(addresses, values, true);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                t++;
            }

            @Override
            public void close() throws Exception {
                instr.close();
                writes.close();
                image.close();
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO meta VALUES ('maxwrite', " + maxWrite + ")");
                    s.execute("CHECKPOINT");
                }
                c.close();
            }
        };
    }

    @Override
    public Queries open(Path dir) throws Exception {
        Connection c = connect(dir);
        long maxWrite;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM meta WHERE k='maxwrite'")) {
            rs.next();
            maxWrite = rs.getLong(1);
        }
        PreparedStatement regs = c.prepareStatement("SELECT pc, regs FROM instr WHERE t BETWEEN ? AND ? ORDER BY t");
        PreparedStatement mem = c.prepareStatement("SELECT t, addr, data FROM writes WHERE addr BETWEEN ? AND ? AND t < ? ORDER BY t DESC");
        PreparedStatement images = c.prepareStatement("SELECT start, data FROM image WHERE t <= ? ORDER BY t DESC");
        PreparedStatement exec = c.prepareStatement("SELECT t FROM instr WHERE pc = ? ORDER BY t");
        PreparedStatement wr = c.prepareStatement("SELECT t, addr, data FROM writes WHERE addr BETWEEN ? AND ? AND t >= ? AND t < ? AND addr + octet_length(data) > ? ORDER BY t");
        return new Queries() {
            @Override
            public long[] registersAt(long t) throws Exception {
                regs.setLong(1, t / CHECKPOINT * CHECKPOINT);
                regs.setLong(2, t);
                long[] r = new long[27];
                long pc = 0;
                try (ResultSet rs = regs.executeQuery()) {
                    while (rs.next()) {
                        pc = rs.getLong(1);
                        ByteSource s = new ByteSource(rs.getBytes(2));
                        long mask = s.varint();
                        for (int i = 0; i < 27; i++) if ((mask & 1L << i) != 0) r[i] += s.signed();
                    }
                }
                r[16] = pc;
                return r;
            }

            @Override
            public byte[] memoryAt(long t, long address, int length) throws Exception {
                byte[] out = new byte[length];
                boolean[] known = new boolean[length];
                int left = length;
                mem.setLong(1, address - maxWrite + 1);
                mem.setLong(2, address + length - 1);
                mem.setLong(3, t);
                try (ResultSet rs = mem.executeQuery()) {
                    while (left > 0 && rs.next()) left -= apply(rs.getLong(2), rs.getBytes(3), address, out, known);
                }
                if (left > 0) {
                    images.setLong(1, t);
                    try (ResultSet rs = images.executeQuery()) {
                        while (left > 0 && rs.next()) left -= apply(rs.getLong(1), rs.getBytes(2), address, out, known);
                    }
                }
                return out;
            }

            private int apply(long at, byte[] data, long address, byte[] out, boolean[] known) {
                int n = 0;
                for (long a = Math.max(at, address); a < Math.min(at + data.length, address + out.length); a++) {
                    int j = (int) (a - address);
                    if (!known[j]) {
                        known[j] = true;
                        out[j] = data[(int) (a - at)];
                        n++;
                    }
                }
                return n;
            }

            @Override
            public long[] executionsOf(long pc) throws Exception {
                exec.setLong(1, pc);
                List<Long> out = new ArrayList<>();
                try (ResultSet rs = exec.executeQuery()) {
                    while (rs.next()) out.add(rs.getLong(1));
                }
                return out.stream().mapToLong(Long::longValue).toArray();
            }

            @Override
            public int writesTo(long address, int length, long from, long to) throws Exception {
                wr.setLong(1, address - maxWrite + 1);
                wr.setLong(2, address + length - 1);
                wr.setLong(3, from);
                wr.setLong(4, to);
                wr.setLong(5, address);
                // Fetched like the index's answer (each write's time, address and bytes), not just counted.
                int n = 0;
                try (ResultSet rs = wr.executeQuery()) {
                    while (rs.next()) {
                        rs.getLong(1);
                        rs.getLong(2);
                        if (rs.getBytes(3) != null) n++;
                    }
                }
                return n;
            }

            @Override
            public void close() throws Exception {
                c.close();
            }
        };
    }
}
