package dev.hindsight.mi.commands;

import static dev.hindsight.mi.commands.OsInfoTables.row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * gdb's System V IPC tables ({@code shm}, {@code semaphores}, {@code msg}) from
 * {@code /proc/sysvipc}, read as gdb's sscanf reads them: a line of too few numbers (the heading)
 * is left out; users and groups by name, pids by their short command, times as {@code ctime}.
 */
final class OsInfoIpc {
    private OsInfoIpc() {}

    /** The line's first {@code n} fields as numbers ({@code octal} ones base 8), or null when sscanf would stop short. */
    private static long[] numbers(String line, int n, int octal) {
        String[] f = line.trim().split("\\s+");
        if (f.length < n) return null;
        long[] v = new long[n];
        try {
            for (int i = 0; i < n; i++) v[i] = Long.parseLong(f[i], i == octal ? 8 : 10);
        } catch (NumberFormatException e) {
            return null;
        }
        return v;
    }

    static List<Map<String, String>> sharedMemory() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : OsInfoNames.lines("/proc/sysvipc/shm")) {
            // key shmid perms size cpid lpid nattch uid gid cuid cgid atime dtime ctime
            long[] v = numbers(line, 14, 2);
            if (v == null) continue;
            rows.add(row("key", String.valueOf((int) v[0]), "shmid", String.valueOf((int) v[1]), "permissions", Long.toOctalString(v[2]),
                    "size", String.valueOf((int) v[3]), "creator command", OsInfoNames.command(v[4]), "last op. command", OsInfoNames.command(v[5]),
                    "num attached", String.valueOf((int) v[6]), "user", OsInfoNames.user(v[7]), "group", OsInfoNames.group(v[8]),
                    "creator user", OsInfoNames.user(v[9]), "creator group", OsInfoNames.group(v[10]),
                    "last shmat() time", OsInfoNames.time(v[11]), "last shmdt() time", OsInfoNames.time(v[12]),
                    "last shmctl() time", OsInfoNames.time(v[13])));
        }
        return rows;
    }

    static List<Map<String, String>> semaphores() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : OsInfoNames.lines("/proc/sysvipc/sem")) {
            // key semid perms nsems uid gid cuid cgid otime ctime
            long[] v = numbers(line, 10, 2);
            if (v == null) continue;
            rows.add(row("key", String.valueOf((int) v[0]), "semid", String.valueOf((int) v[1]), "permissions", Long.toOctalString(v[2]),
                    "num semaphores", String.valueOf(v[3]), "user", OsInfoNames.user(v[4]), "group", OsInfoNames.group(v[5]),
                    "creator user", OsInfoNames.user(v[6]), "creator group", OsInfoNames.group(v[7]),
                    "last semop() time", OsInfoNames.time(v[8]), "last semctl() time", OsInfoNames.time(v[9])));
        }
        return rows;
    }

    static List<Map<String, String>> messageQueues() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : OsInfoNames.lines("/proc/sysvipc/msg")) {
            // key msqid perms cbytes qnum lspid lrpid uid gid cuid cgid stime rtime ctime
            long[] v = numbers(line, 14, 2);
            if (v == null) continue;
            rows.add(row("key", String.valueOf((int) v[0]), "msqid", String.valueOf((int) v[1]), "permissions", Long.toOctalString(v[2]),
                    "num used bytes", String.valueOf(v[3]), "num messages", String.valueOf(v[4]),
                    "last msgsnd() command", OsInfoNames.command(v[5]), "last msgrcv() command", OsInfoNames.command(v[6]),
                    "user", OsInfoNames.user(v[7]), "group", OsInfoNames.group(v[8]),
                    "creator user", OsInfoNames.user(v[9]), "creator group", OsInfoNames.group(v[10]),
                    "last msgsnd() time", OsInfoNames.time(v[11]), "last msgrcv() time", OsInfoNames.time(v[12]),
                    "last msgctl() time", OsInfoNames.time(v[13])));
        }
        return rows;
    }
}
