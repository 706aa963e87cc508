package dev.hindsight.mi.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What gdb's {@code info os} tables write for ids and times, as its {@code linux-osdata.c} does:
 * a process's short command from its {@code stat}, user and group names, {@code ctime}'s text.
 */
final class OsInfoNames {
    private OsInfoNames() {}

    /**
     * gdb's {@code command_from_pid}: the name in {@code stat}'s parentheses as
     * {@code fscanf("%lld %17s")} reads it (up to the first blank, the last character dropped as
     * the closing parenthesis), the pid itself when the process has no {@code /proc} entry.
     */
    static String command(long pid) {
        String stat;
        try {
            stat = text(Files.readAllBytes(Path.of("/proc/" + pid + "/stat")));
        } catch (IOException | RuntimeException e) {
            return String.valueOf(pid);
        }
        String[] words = stat.strip().split("\\s+", 3);
        if (words.length < 2 || !words[0].equals(String.valueOf(pid))) return "";
        String cmd = words[1].length() > 17 ? words[1].substring(0, 17) : words[1];
        return cmd.length() < 2 ? "" : cmd.substring(1, cmd.length() - 1);
    }

    /** Stands where a process's bytes are not UTF-8, which gdb's XML reader refuses (see {@link OsInfo}). */
    static final char NOT_XML = '\uFFFF';

    /** Bytes as UTF-8, what is not UTF-8 as {@link #NOT_XML}. */
    static String text(byte[] bytes) {
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8).replace('\uFFFD', NOT_XML);
        }
    }

    private static Map<Long, String> users;
    private static Map<Long, String> groups;

    /** gdb's {@code user_from_uid}: the passwd name, empty when there is none. */
    static synchronized String user(long uid) {
        if (users == null) users = names(Path.of("/etc/passwd"));
        return users.getOrDefault(uid, "");
    }

    /** gdb's {@code group_from_gid}: the group's name, empty when there is none. */
    static synchronized String group(long gid) {
        if (groups == null) groups = names(Path.of("/etc/group"));
        return groups.getOrDefault(gid, "");
    }

    /** {@code name:x:id:…} lines, the first name for an id winning as getpwuid's does. */
    private static Map<Long, String> names(Path file) {
        Map<Long, String> m = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split(":", -1);
                if (f.length < 3) continue;
                try {
                    m.putIfAbsent(Long.parseLong(f[2]), f[0]);
                } catch (NumberFormatException e) {
                    // a comment or a malformed line: getpwent skips it too
                }
            }
        } catch (IOException e) {
            return m;
        }
        return m;
    }

    /** gdb's {@code time_from_time_t}: {@code ctime}'s text in local time, empty for 0. */
    static String time(long seconds) {
        if (seconds == 0) return "";
        ZonedDateTime t = Instant.ofEpochSecond(seconds).atZone(ZoneId.systemDefault());
        return String.format("%s %s %2d %02d:%02d:%02d %d", t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US),
                t.getMonth().getDisplayName(TextStyle.SHORT, Locale.US), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), t.getYear());
    }

    /** The lines of a {@code /proc} file; none when it cannot be read (gdb's table is then empty). */
    static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** The numbered entries of a {@code /proc} directory in ascending order, as the kernel lists them. */
    static List<Long> numbered(Path dir) {
        try (var entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> !n.isEmpty() && Character.isDigit(n.charAt(0)))
                    .filter(n -> n.chars().allMatch(Character::isDigit) && n.length() <= 19).map(Long::parseLong).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
