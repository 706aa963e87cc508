package dev.hindsight.tracer.confine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Names this server process as {@code PID-STARTTIME}, so that what it leaves behind when it is
 * killed (session directories, control groups) can be told apart from a live server's at the
 * next start-up: a pid alone may have been reused, a pid with the same start time has not.
 */
public final class ServerIdentity {
    private static final String CURRENT = of(ProcessHandle.current().pid());

    private ServerIdentity() {}

    /** This process's identity. */
    public static String current() {
        return CURRENT;
    }

    /** Whether a server with this identity is still running. */
    public static boolean isAlive(String identity) {
        int dash = identity.indexOf('-');
        if (dash <= 0) return false;
        try {
            return identity.equals(of(Long.parseLong(identity.substring(0, dash))));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Field 22 (starttime) counts from the one after the command name, which may hold spaces.
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return pid + "-" + after[19];
        } catch (IOException | RuntimeException e) {
            return pid + "-gone";
        }
    }
}
