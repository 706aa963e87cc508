package dev.hindsight.mi.commands;

import dev.hindsight.mi.protocol.MiCommand;
import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.protocol.MiList;
import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.mi.session.MiSession;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code -info-os [TYPE]}: gdb's OSDataTable. Without TYPE the table of types gdb 13 knows on
 * Linux; {@code processes} read from {@code /proc} as gdb reads them. The other types gdb lists
 * are not read yet and answer gdb's error for data it cannot fetch.
 */
final class OsInfo {
    /** gdb 13's Linux osdata types: name, description, title. */
    private static final String[][] TYPES = {
        {"cpus", "Listing of all cpus/cores on the system", "CPUs"},
        {"files", "Listing of all file descriptors", "File descriptors"},
        {"modules", "Listing of all loaded kernel modules", "Kernel modules"},
        {"msg", "Listing of all message queues", "Message queues"},
        {"processes", "Listing of all processes", "Processes"},
        {"procgroups", "Listing of all process groups", "Process groups"},
        {"semaphores", "Listing of all semaphores", "Semaphores"},
        {"shm", "Listing of all shared-memory regions", "Shared-memory regions"},
        {"sockets", "Listing of all internet-domain sockets", "Sockets"},
        {"threads", "Listing of all threads", "Threads"},
    };

    private OsInfo() {}

    static MiResult info(MiSession s, MiCommand c) {
        if (c.args().size() > 1) throw new MiException("Usage: -info-os [INFOTYPE]");
        if (c.args().isEmpty()) {
            List<String[]> rows = new ArrayList<>(List.of(TYPES));
            return table(List.of("Type", "Description", "Title"), rows);
        }
        if (c.args().get(0).equals("processes")) {
            List<String[]> rows = new ArrayList<>();
            for (int pid : OsProcesses.pids()) {
                OsProcesses.Process p = OsProcesses.read(pid);
                if (p == null) continue;
                String cores = OsProcesses.cores(pid).stream().map(String::valueOf).collect(Collectors.joining(","));
                rows.add(new String[] {String.valueOf(pid), p.user(), p.command(), cores});
            }
            return table(List.of("pid", "user", "command", "cores"), rows);
        }
        throw new MiException("Can not fetch data now.");
    }

    /** gdb's table: row and column counts, a header per column ({@code col0}…), then each row as an {@code item}. */
    private static MiResult table(List<String> headers, List<String[]> rows) {
        MiList hdr = MiList.of();
        for (int i = 0; i < headers.size(); i++) {
            hdr.value(MiTuple.of().add("width", "10").add("alignment", "-1").add("col_name", "col" + i).add("colhdr", headers.get(i)));
        }
        MiList body = MiList.of();
        for (String[] row : rows) {
            MiTuple item = MiTuple.of();
            for (int i = 0; i < row.length; i++) item.add("col" + i, row[i]);
            body.result("item", item);
        }
        return MiResult.done("OSDataTable", MiTuple.of().add("nr_rows", rows.size()).add("nr_cols", headers.size())
                .add("hdr", hdr).add("body", body));
    }
}
