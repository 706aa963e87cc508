package dev.hindsight.mi.commands;

import dev.hindsight.mi.protocol.MiCommand;
import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.protocol.MiList;
import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.mi.session.MiSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code -info-os [TYPE]}: gdb's OSDataTable. Without TYPE (or with {@code types}) the table of
 * types gdb 13 knows on Linux; each of them read from {@code /proc} as gdb's
 * {@code linux-osdata.c} reads it ({@link OsInfoTables}, {@link OsInfoIpc}, {@link OsInfoSockets});
 * another type answers gdb's error for data it cannot fetch.
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
        String type = c.args().isEmpty() ? "types" : c.args().get(0);
        List<Map<String, String>> rows = switch (type) {
            case "types" -> types();
            case "cpus" -> OsInfoTables.cpus();
            case "files" -> OsInfoTables.files();
            case "modules" -> OsInfoTables.modules();
            case "msg" -> OsInfoIpc.messageQueues();
            case "processes" -> OsInfoTables.processes();
            case "procgroups" -> OsInfoTables.processGroups();
            case "semaphores" -> OsInfoIpc.semaphores();
            case "shm" -> OsInfoIpc.sharedMemory();
            case "sockets" -> OsInfoSockets.sockets();
            case "threads" -> OsInfoTables.threads();
            default -> {
                // gdb warns on its console that the target sent nothing, then fails
                s.out().log("warning: Empty data returned by target.  Wrong osdata type?\n");
                throw new MiException("Can not fetch data now.");
            }
        };
        return table(s, rows);
    }

    private static List<Map<String, String>> types() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (String[] t : TYPES) rows.add(OsInfoTables.row("Type", t[0], "Description", t[1], "Title", t[2]));
        return rows;
    }

    /**
     * gdb's table: row and column counts, a header per column of the first row ({@code col0}…),
     * then each row as an {@code item}; with no rows no columns and no body. Values are trimmed
     * of C's blanks, as gdb's XML reader trims the target's text.
     */
    private static MiResult table(MiSession s, List<Map<String, String>> rows) {
        for (Map<String, String> row : rows) {
            for (String v : row.values()) {
                if (!wellFormed(v)) {
                    // gdb's XML reader (expat) refuses the whole table over one such character
                    s.out().log("warning: while parsing osdata: not well-formed (invalid token)\n");
                    throw new MiException("Can not fetch data now.");
                }
            }
        }
        MiTuple t = MiTuple.of().add("nr_rows", rows.size());
        List<String> headers = rows.isEmpty() ? List.of() : List.copyOf(rows.get(0).keySet());
        MiList hdr = MiList.of();
        for (int i = 0; i < headers.size(); i++) {
            hdr.value(MiTuple.of().add("width", "10").add("alignment", "-1").add("col_name", "col" + i).add("colhdr", headers.get(i)));
        }
        t.add("nr_cols", headers.size()).add("hdr", hdr);
        if (rows.isEmpty()) return MiResult.done("OSDataTable", t);
        MiList body = MiList.of();
        for (Map<String, String> row : rows) {
            MiTuple item = MiTuple.of();
            int i = 0;
            for (String value : row.values()) item.add("col" + i++, trim(value));
            body.result("item", item);
        }
        return MiResult.done("OSDataTable", t.add("body", body));
    }

    /** XML 1.0's characters: no controls but tab, newline and return, none of U+FFFE and U+FFFF (what was not UTF-8). */
    private static boolean wellFormed(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == '\uFFFE' || c == '\uFFFF') return false;
        }
        return true;
    }

    private static String trim(String v) {
        int a = 0, b = v.length();
        while (a < b && " \t\n\u000b\f\r".indexOf(v.charAt(a)) >= 0) a++;
        while (b > a && " \t\n\u000b\f\r".indexOf(v.charAt(b - 1)) >= 0) b--;
        return v.substring(a, b);
    }
}
