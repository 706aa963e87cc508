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
 * SQLite, used as one would: a row per instruction (registers as varint deltas from the previous
 * row, a full row every 4096), a row per write, B-tree indexes on (pc, t) and (addr, t), one
 * transaction, journal off. memoryAt walks the writes to the range newest first.
 */
final class SqliteCandidate implements Candidate {
    static final int CHECKPOINT = 4096;

    @Override
    public String name() { return "SQLite 3.51 (rows + B-tree indexes)"; }

    private static Connection connect(Path dir) throws Exception {
        Files.createDirectories(dir);
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("index.db"));
    }

    @Override
    public Sink writer(Path dir) throws Exception {
        Connection c = connect(dir);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=OFF");
            s.execute("PRAGMA synchronous=OFF");
            s.execute("CREATE TABLE instr(t INTEGER PRIMARY KEY, tid INTEGER, pc INTEGER, kind INTEGER, regs BLOB)");
            s.execute("CREATE TABLE writes(t INTEGER, addr INTEGER, data BLOB, kernel INTEGER)");
            s.execute("CREATE TABLE image(t INTEGER, start INTEGER, data BLOB)");
            s.execute("CREATE TABLE meta(k TEXT PRIMARY KEY, v INTEGER)");
        }
        c.setAutoCommit(false);
        PreparedStatement instr = c.prepareStatement("INSERT INTO instr VALUES (?,?,?,?,?)");
        PreparedStatement writes = c.prepareStatement("INSERT INTO writes VALUES (?,?,?,?)");
        PreparedStatement image = c.prepareStatement("INSERT INTO image VALUES (?,?,?)");
        return new Sink() {
            long t, maxWrite = 1;
            long[] previous = new long[27];
            int pending;
            final ByteSink regs = new ByteSink(256);

            @Override
            public void start(int tid, long[] r, byte[] fxsave, List<Region> memory) {
                for (Region m : memory) region(0, m);
            }

            private void region(long from, Region m) {
                try {
                    image.setLong(1, from);
                    image.setLong(2, m.start());
                    image.setBytes(3, m.bytes());
                    image.executeUpdate();
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
                    instr.setLong(1, t);
                    instr.setInt(2, tid);
                    instr.setLong(3, r[16]);
                    instr.setInt(4, kind);
                    instr.setBytes(5, regs.toArray());
                    instr.addBatch();
                    add(addresses, values, false);
                    t++;
                    if (++pending % 10_000 == 0) flush();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            private void add(long[] addresses, byte[][] values, boolean kernel) throws Exception {
                if (addresses == null) return;
                for (int i = 0; i < addresses.length; i++) {
                    writes.setLong(1, t);
                    writes.setLong(2, addresses[i]);
                    writes.setBytes(3, values[i]);
                    writes.setInt(4, kernel ? 1 : 0);
                    writes.addBatch();
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

            private void flush() throws Exception {
                instr.executeBatch();
                writes.executeBatch();
            }

            @Override
            public void close() throws Exception {
                flush();
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE INDEX instr_pc ON instr(pc, t)");
                    s.execute("CREATE INDEX writes_addr ON writes(addr, t)");
                    s.execute("INSERT INTO meta VALUES ('maxwrite', " + maxWrite + ")");
                }
                c.commit();
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
        PreparedStatement wr = c.prepareStatement("SELECT t, addr, data FROM writes WHERE addr BETWEEN ? AND ? AND t >= ? AND t < ? AND addr + length(data) > ? ORDER BY t");
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
