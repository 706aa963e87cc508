package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.mi.testing.MiRecord;
import dev.hindsight.tracer.testing.Fixtures;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code -info-os} in lockstep with gdb 13: the table of types whole; {@code processes} by shape
 * (the machine's processes change between the transcripts): the columns, each row's fields, and
 * pid 1's row but its cores; gdb's errors. Every other type on a stopped program
 * ({@link #everyTypeAtAStop}): the columns exactly, and the rows both debuggers see alike.
 */
class MiOsInfoTest {
    private static Object whole(MiRecord r) {
        return r.results();
    }

    private static Object processes(MiRecord r) {
        // a process whose command line is not UTF-8 makes gdb's XML reader refuse the table
        if (r.cls().equals("error")) return r.get("msg");
        TreeSet<String> shapes = new TreeSet<>();
        Object first = null;
        for (Object o : (List<?>) r.get("OSDataTable.body")) {
            Map<?, ?> item = (Map<?, ?>) ((Map<?, ?>) o).get("item");
            shapes.add(String.valueOf(item.keySet()));
            if ("1".equals(item.get("col0"))) first = List.of(item.get("col1"), item.get("col2"));
        }
        return List.of(r.get("OSDataTable.nr_cols"), r.get("OSDataTable.hdr"), shapes, String.valueOf(first));
    }

    @Test
    void typesAndProcesses() throws Exception {
        new Lockstep()
                .cmd("-info-os", MiOsInfoTest::whole)
                .cmd("-info-os processes", MiOsInfoTest::processes)
                .cmd("-info-os bogus", MiOsInfoTest::whole)
                .cmd("-info-os a b", MiOsInfoTest::whole)
                .run(Fixtures.compile("lockstep.c"));
    }

    /** The inferior's pid in the transcript being run (gdb's first, then Hindsight's), read from -list-thread-groups. */
    private static String inferior = "";

    private static Object rememberPid(MiRecord r) {
        inferior = String.valueOf(r.get("groups.0.pid"));
        return "";
    }

    /** The column headers, in order. */
    private static List<Object> headers(MiRecord r) {
        List<Object> h = new ArrayList<>();
        for (Object o : (List<?>) r.get("OSDataTable.hdr")) h.add(((Map<?, ?>) o).get("colhdr"));
        return h;
    }

    private static List<Map<?, ?>> items(MiRecord r) {
        List<Map<?, ?>> out = new ArrayList<>();
        Object body = r.get("OSDataTable.body");
        if (body != null) for (Object o : (List<?>) body) out.add((Map<?, ?>) ((Map<?, ?>) o).get("item"));
        return out;
    }

    /**
     * The headers, and the rows whose column {@code key} satisfies {@code keep}, each by the
     * columns {@code shown}, the inferior's pid written {@code {PID}} and a pipe's or socket's
     * inode left out (each debugger's own).
     */
    private static java.util.function.Function<MiRecord, Object> rows(String key, java.util.function.Predicate<String> keep, String... shown) {
        return r -> {
            if (r.cls().equals("error")) return r.get("msg"); // as processes above
            List<Object> hdr = headers(r);
            List<Object> kept = new ArrayList<>();
            for (Map<?, ?> item : items(r)) {
                if (!keep.test(String.valueOf(item.get("col" + hdr.indexOf(key))))) continue;
                List<String> row = new ArrayList<>();
                for (String col : shown) {
                    String v = String.valueOf(item.get("col" + hdr.indexOf(col)));
                    row.add(v.equals(inferior) ? "{PID}" : v.replaceAll("^(pipe|socket|anon_inode):\\[\\d+\\]$", "$1"));
                }
                kept.add(row);
            }
            return List.of(r.get("OSDataTable.nr_cols"), hdr, kept);
        };
    }

    /** Every column but those named (they change between two reads: a CPU's clock). */
    private static Object allBut(MiRecord r, String left) {
        List<Object> hdr = headers(r);
        List<Object> kept = new ArrayList<>();
        for (Map<?, ?> item : items(r)) {
            List<Object> row = new ArrayList<>();
            for (int i = 0; i < hdr.size(); i++) if (!hdr.get(i).equals(left)) row.add(item.get("col" + i));
            kept.add(row);
        }
        return List.of(r.get("OSDataTable.nr_rows"), hdr, kept);
    }

    private static String ipcmk(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ipcmk"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (p.waitFor() != 0) throw new IOException("ipcmk: " + out);
        return out.substring(out.lastIndexOf(' ') + 1); // "Shared memory id: 3"
    }

    /**
     * At a stop in main: {@code cpus}, {@code files}, {@code modules}, {@code msg},
     * {@code procgroups}, {@code semaphores}, {@code shm}, {@code sockets}, {@code threads} and
     * {@code processes}, with a shared-memory segment, a semaphore set and a message queue made
     * here (by ipcmk) and TCP, UDP and IPv6 sockets this test holds open, so that each table has
     * rows both debuggers read the same.
     */
    @Test
    void everyTypeAtAStop() throws Exception {
        String shm = ipcmk("-M", "4096"), sem = ipcmk("-S", "2"), msg = ipcmk("-Q");
        // IPv4 sockets need channels of that family: Java's plain sockets are IPv6 ones, whose
        // 127.0.0.1 the kernel lists in tcp6 as ::ffff:127.0.0.1 (kept too, for that spelling)
        try (ServerSocketChannel tcp = ServerSocketChannel.open(StandardProtocolFamily.INET);
                ServerSocketChannel tcp6 = ServerSocketChannel.open(StandardProtocolFamily.INET6);
                DatagramChannel udp = DatagramChannel.open(StandardProtocolFamily.INET);
                DatagramChannel udp6 = DatagramChannel.open(StandardProtocolFamily.INET6);
                ServerSocket mapped = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            tcp.bind(new InetSocketAddress("127.0.0.1", 0));
            tcp6.bind(new InetSocketAddress("::1", 0));
            udp.bind(new InetSocketAddress("127.0.0.1", 0));
            udp6.bind(new InetSocketAddress("::", 0));
            java.util.Set<String> ports = new java.util.HashSet<>(List.of(String.valueOf(mapped.getLocalPort())));
            for (java.nio.channels.NetworkChannel c : List.of(tcp, tcp6, udp, udp6)) {
                ports.add(String.valueOf(((InetSocketAddress) c.getLocalAddress()).getPort()));
            }
            new Lockstep()
                    .cmd("-inferior-tty-set /dev/null")
                    .cmd("-break-insert main")
                    .exec("-exec-run")
                    .cmd("-list-thread-groups i1", r -> "")
                    .cmd("-list-thread-groups", MiOsInfoTest::rememberPid)
                    .cmd("-info-os types", MiOsInfoTest::whole)
                    .cmd("-info-os processes", rows("pid", p -> p.equals(inferior), "pid", "user", "command"))
                    .cmd("-info-os threads", rows("pid", p -> p.equals(inferior), "pid", "command", "tid"))
                    .cmd("-info-os files", rows("pid", p -> p.equals(inferior), "pid", "command", "file descriptor", "name"))
                    .cmd("-info-os procgroups", rows("pid", p -> p.equals(inferior), "leader command", "pid", "command line"))
                    .cmd("-info-os cpus", r -> allBut(r, "cpu MHz"))
                    .cmd("-info-os modules", MiOsInfoTest::whole)
                    .cmd("-info-os shm", rows("shmid", shm::equals, "key", "shmid", "permissions", "size", "creator command",
                            "last op. command", "num attached", "user", "group", "creator user", "creator group",
                            "last shmat() time", "last shmdt() time", "last shmctl() time"))
                    .cmd("-info-os semaphores", rows("semid", sem::equals, "key", "semid", "permissions", "num semaphores", "user",
                            "group", "creator user", "creator group", "last semop() time", "last semctl() time"))
                    .cmd("-info-os msg", rows("msqid", msg::equals, "key", "msqid", "permissions", "num used bytes", "num messages",
                            "last msgsnd() command", "last msgrcv() command", "user", "group", "creator user", "creator group",
                            "last msgsnd() time", "last msgrcv() time", "last msgctl() time"))
                    .cmd("-info-os sockets", rows("local port", ports::contains, "local address", "local port", "remote address",
                            "remote port", "state", "user", "family", "protocol"))
                    .run(Fixtures.compile("lockstep.c"));
        } finally {
            new ProcessBuilder("ipcrm", "-m", shm, "-s", sem, "-q", msg).start().waitFor();
        }
    }

    /**
     * A process whose command line is not UTF-8 (bash's {@code exec -a} gives sleep such an
     * argv[0]): gdb's XML reader refuses the tables that hold it, and so does Hindsight.
     */
    @Test
    void aCommandLineNotUtf8() throws Exception {
        Process odd = new ProcessBuilder("bash", "-c", "exec -a $'\\xe4\\xf6odd' sleep 120").start();
        try {
            java.nio.file.Path cmdline = java.nio.file.Path.of("/proc/" + odd.pid() + "/cmdline");
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!new String(java.nio.file.Files.readAllBytes(cmdline), java.nio.charset.StandardCharsets.ISO_8859_1).contains("odd")) {
                if (System.nanoTime() > deadline) throw new AssertionError("bash did not exec sleep");
                Thread.onSpinWait();
            }
            new Lockstep()
                    .cmd("-info-os processes", MiOsInfoTest::whole)
                    .cmd("-info-os procgroups", MiOsInfoTest::whole)
                    .cmd("-info-os sockets", r -> r.cls())
                    .run(Fixtures.compile("lockstep.c"));
        } finally {
            odd.destroyForcibly();
        }
    }
}
