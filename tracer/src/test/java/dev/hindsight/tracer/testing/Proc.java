package dev.hindsight.tracer.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the kernel says about a live process, read from /proc independently of the engine: its
 * threads, their scheduler state and user pc, its memory (readable while it runs).
 */
public final class Proc {
    private Proc() {}

    /** The thread ids under /proc/PID/task. */
    public static Set<Integer> tasks(long pid) {
        try (Stream<Path> s = Files.list(Path.of("/proc/" + pid + "/task"))) {
            Set<Integer> out = new TreeSet<>();
            s.forEach(p -> out.add(Integer.parseInt(p.getFileName().toString())));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The state letter of /proc/PID/task/TID/stat: R running, S sleeping, t tracing stop, T stopped, Z zombie. */
    public static char state(long pid, long tid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/task/" + tid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The process group of a process: the 5th field of /proc/PID/stat. */
    public static long processGroup(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The process's state, or 'X' when it is gone. */
    public static char state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException e) {
            return 'X';
        }
    }

    /**
     * A stopped thread's user-mode instruction pointer: the last field of /proc/PID/task/TID/syscall,
     * which the kernel writes only for a thread that is not running.
     */
    public static long userPc(long pid, long tid) {
        try {
            String line = Files.readString(Path.of("/proc/" + pid + "/task/" + tid + "/syscall")).trim();
            if (line.equals("running")) throw new AssertionError("thread " + tid + " is running");
            return Long.decode(line.substring(line.lastIndexOf(' ') + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 8 bytes at {@code address} of the process, little-endian, through /proc/PID/mem (works while it runs). */
    public static long readLong(long pid, long address) {
        return ByteBuffer.wrap(read(pid, address, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** The 4 bytes at {@code address}, little-endian, the same way. */
    public static int readInt(long pid, long address) {
        return ByteBuffer.wrap(read(pid, address, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static byte[] read(long pid, long address, int length) {
        try (RandomAccessFile mem = new RandomAccessFile("/proc/" + pid + "/mem", "r")) {
            byte[] b = new byte[length];
            mem.seek(address);
            mem.readFully(b);
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the process has exec'd {@code program} (before that it is still its parent's copy). */
    public static boolean runs(long pid, Path program) {
        try {
            return Path.of("/proc/" + pid + "/exe").toRealPath().equals(program.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    /** The text of /proc/PID/maps. */
    public static String maps(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/maps"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
