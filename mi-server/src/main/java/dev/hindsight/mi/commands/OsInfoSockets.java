package dev.hindsight.mi.commands;

import static dev.hindsight.mi.commands.OsInfoTables.row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * gdb's {@code sockets}: the internet sockets of {@code /proc/net/tcp}, {@code udp}, {@code tcp6}
 * and {@code udp6} in that order, addresses as getnameinfo writes them numerically (glibc's
 * inet_ntop: IPv6 with its longest run of zeros as {@code ::}), ports in decimal.
 */
final class OsInfoSockets {
    private OsInfoSockets() {}

    /** gdb's sscanf: {@code N: ADDR:PORT ADDR:PORT STATE x:x x:x x UID …}. */
    private static final Pattern LINE = Pattern.compile(
            "\\s*\\d+: ([0-9A-F]{1,32}):([0-9A-Fa-f]+) ([0-9A-F]{1,32}):([0-9A-Fa-f]+) ([0-9A-Fa-f]+) \\S+:\\S+ \\S+:\\S+ \\S+\\s+(-?\\d+)\\s.*");

    private static final String[] STATES = {"(unknown)", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT",
        "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING"};

    static List<Map<String, String>> sockets() {
        List<Map<String, String>> rows = new ArrayList<>();
        read(rows, "/proc/net/tcp", false, true);
        read(rows, "/proc/net/udp", false, false);
        read(rows, "/proc/net/tcp6", true, true);
        read(rows, "/proc/net/udp6", true, false);
        return rows;
    }

    private static void read(List<Map<String, String>> rows, String file, boolean v6, boolean tcp) {
        for (String line : OsInfoNames.lines(file)) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) continue;
            int state = Integer.parseInt(m.group(5), 16);
            rows.add(row("local address", address(m.group(1), v6), "local port", String.valueOf(Integer.parseInt(m.group(2), 16) & 0xffff),
                    "remote address", address(m.group(3), v6), "remote port", String.valueOf(Integer.parseInt(m.group(4), 16) & 0xffff),
                    "state", state < STATES.length ? STATES[state] : "(unknown)", "user", OsInfoNames.user(Long.parseLong(m.group(6))),
                    "family", v6 ? "INET6" : "INET", "protocol", tcp ? "STREAM" : "DGRAM"));
        }
    }

    /** The kernel writes each 32-bit word of the address as a host-order (little-endian) number. */
    static String address(String hex, boolean v6) {
        byte[] b = new byte[v6 ? 16 : 4];
        for (int w = 0; w < b.length / 4; w++) {
            long word = Long.parseLong(hex.substring(w * 8, Math.min(hex.length(), w * 8 + 8)), 16);
            for (int i = 0; i < 4; i++) b[w * 4 + i] = (byte) (word >>> (8 * i));
        }
        if (!v6) return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        return ipv6(b);
    }

    /** glibc's inet_ntop6: the longest run of two or more zero words as {@code ::}, IPv4-mapped and -compatible tails dotted. */
    static String ipv6(byte[] b) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) w[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        int bestBase = -1, bestLen = 0, curBase = -1, curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (w[i] == 0) {
                if (curBase == -1) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase != -1) {
                if (bestBase == -1 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase != -1 && (bestBase == -1 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase != -1 && bestLen < 2) bestBase = -1;
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase != -1 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) s.append(':');
                continue;
            }
            if (i != 0) s.append(':');
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
                s.append(b[12] & 0xff).append('.').append(b[13] & 0xff).append('.').append(b[14] & 0xff).append('.').append(b[15] & 0xff);
                return s.toString();
            }
            s.append(Integer.toHexString(w[i]));
        }
        if (bestBase != -1 && bestBase + bestLen == 8) s.append(':');
        return s.toString();
    }
}
