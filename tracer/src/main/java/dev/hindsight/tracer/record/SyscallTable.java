package dev.hindsight.tracer.record;

import dev.hindsight.tracer.ptrace.Tracee;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the recorder knows of each x86-64 system call: how a replay treats it ({@link Mode}) and
 * which memory the kernel writes (from the arguments and the result). A call not in the table is
 * refused with its name rather than recorded inexactly.
 */
public final class SyscallTable {
    /** How a replay treats a recorded system call. */
    public enum Mode {
        /** Not run: the recorded result and memory writes are put in place (files, time, I/O, pids). */
        EMULATE,
        /** Run for real: it only changes the process itself (signal dispositions, brk, exit); the result must match. */
        EXECUTE,
        /** Run for real, then given the recorded result (set_tid_address returns the tid). */
        EXECUTE_RECORDED_RESULT,
        /** mmap run at the recorded address (MAP_FIXED); a file mapping maps the trace's copy, privately. */
        MMAP,
        /** mremap run to the recorded address. */
        MREMAP,
        /** Made to fail with ENOSYS in record and replay alike (rseq: glibc then does without it). */
        ENOSYS,
        /**
         * Made without a stop through the system-call buffer ({@link SyscallBuffer}; read and write
         * only) and emulated like {@link #EMULATE}; only its number, arguments and pc are recorded.
         */
        BUFFERED
    }

    static final long READ = 0, WRITE = 1, MMAP = 9, PREAD = 17, PWRITE = 18, READV = 19, WRITEV = 20, MREMAP = 25,
            IOCTL = 16, CLONE = 56, FORK = 57, VFORK = 58, EXECVE = 59, PRCTL = 157, ARCH_PRCTL = 158, RSEQ = 334,
            CLONE3 = 435, EXECVEAT = 322;
    /** seccomp(2): the system-call buffer's library installs its filter with it. */
    public static final long SECCOMP = 317;
    private static final long CLONE_THREAD = 0x10000;
    private static final Map<Long, String> NAMES = new HashMap<>();
    private static final Map<Long, Mode> MODES = new HashMap<>();

    private static void add(Mode mode, String names) {
        for (String entry : names.trim().split("\\s+")) {
            String[] p = entry.split(":");
            long nr = Long.parseLong(p[1]);
            NAMES.put(nr, p[0]);
            MODES.put(nr, mode);
        }
    }

    static {
        add(Mode.EXECUTE, "brk:12 munmap:11 mprotect:10 madvise:28 rt_sigaction:13 rt_sigprocmask:14 rt_sigreturn:15"
                + " sigaltstack:131 exit:60 exit_group:231 set_robust_list:273 arch_prctl:158 mlock:149 munlock:150"
                + " mlockall:151 munlockall:152");
        add(Mode.EXECUTE_RECORDED_RESULT, "set_tid_address:218");
        add(Mode.MMAP, "mmap:9");
        add(Mode.MREMAP, "mremap:25");
        add(Mode.ENOSYS, "rseq:334");
        add(Mode.EMULATE, "read:0 write:1 open:2 close:3 stat:4 fstat:5 lstat:6 poll:7 lseek:8 ioctl:16 pread64:17"
                + " pwrite64:18 readv:19 writev:20 access:21 pipe:22 select:23 sched_yield:24 msync:26 mincore:27"
                + " dup:32 dup2:33 pause:34 nanosleep:35 getitimer:36 alarm:37 setitimer:38 getpid:39 sendfile:40"
                + " socket:41 connect:42 accept:43 sendto:44 recvfrom:45 shutdown:48 bind:49 listen:50"
                + " getsockname:51 getpeername:52 socketpair:53 setsockopt:54 getsockopt:55 clone:56 fork:57"
                + " vfork:58 wait4:61 kill:62 uname:63 fcntl:72 flock:73 fsync:74 fdatasync:75 truncate:76"
                + " ftruncate:77 getdents:78 getcwd:79 chdir:80 fchdir:81 rename:82 mkdir:83 rmdir:84 creat:85"
                + " link:86 unlink:87 symlink:88 readlink:89 chmod:90 fchmod:91 chown:92 fchown:93 lchown:94"
                + " umask:95 gettimeofday:96 getrlimit:97 getrusage:98 sysinfo:99 times:100 getuid:102"
                + " getgid:104 setuid:105 setgid:106 geteuid:107 getegid:108 setpgid:109 getppid:110 getpgrp:111"
                + " setsid:112 getgroups:115 getresuid:118 getresgid:120 getpgid:121 getsid:124"
                + " rt_sigpending:127 rt_sigtimedwait:128 rt_sigsuspend:130 statfs:137 fstatfs:138"
                + " getpriority:140 setpriority:141 sched_getparam:143 sched_getscheduler:145"
                + " sched_get_priority_max:146 sched_get_priority_min:147 prctl:157 setrlimit:160 sync:162"
                + " gettid:186 tkill:200 time:201 futex:202 sched_setaffinity:203 sched_getaffinity:204"
                + " getdents64:217 restart_syscall:219 fadvise64:221 timer_create:222 timer_settime:223"
                + " timer_gettime:224 timer_getoverrun:225 timer_delete:226 clock_gettime:228 clock_getres:229"
                + " clock_nanosleep:230 tgkill:234 utimes:235 waitid:247 openat:257 mkdirat:258 fchownat:260"
                + " newfstatat:262 unlinkat:263 renameat:264 linkat:265 symlinkat:266 readlinkat:267"
                + " fchmodat:268 faccessat:269 pselect6:270 ppoll:271 get_robust_list:274 utimensat:280"
                + " epoll_pwait:281 timerfd_create:283 fallocate:285 timerfd_settime:286 accept4:288 eventfd2:290"
                + " epoll_create1:291 dup3:292 pipe2:293 preadv:295 pwritev:296 prlimit64:302 syncfs:306"
                + " getcpu:309 renameat2:316 getrandom:318 memfd_create:319 membarrier:324 copy_file_range:326"
                + " preadv2:327 pwritev2:328 statx:332 close_range:436 openat2:437 faccessat2:439 epoll_wait:232"
                + " epoll_ctl:233 sched_getattr:315 seccomp:317");
        NAMES.put(EXECVE, "execve");
        NAMES.put(EXECVEAT, "execveat");
        NAMES.put(CLONE3, "clone3");
    }

    private SyscallTable() {}

    public static String name(long nr) {
        return NAMES.getOrDefault(nr, "syscall " + nr);
    }

    /**
     * How the recorder treats call {@code nr}, or null when it refuses it. A replay checks every
     * event against this, so a crafted trace cannot make it run a call (unlink, execve…) for real.
     */
    public static Mode modeOf(long nr) {
        return nr == CLONE3 ? Mode.EMULATE : MODES.get(nr);
    }

    /** Whether a trace may hold call {@code nr} as {@link Mode#BUFFERED} (those the preload library wraps). */
    public static boolean bufferable(long nr) {
        return nr == READ || nr == WRITE;
    }

    /** The replay mode of the call at its entry, or {@link RecordingRefused} when it cannot be recorded exactly. */
    static Mode modeAtEntry(long nr, long[] a, Tracee t) {
        if (nr == CLONE || nr == CLONE3) {
            long flags = nr == CLONE ? a[0] : le(t.read(a[0], 8), 0);
            if ((flags & CLONE_THREAD) != 0) {
                throw new RecordingRefused("the program starts a second thread (" + name(nr) + " with CLONE_THREAD):"
                        + " recording multi-threaded programs is not supported yet");
            }
            if (nr == CLONE3) return Mode.EMULATE;
        }
        if (nr == EXECVE || nr == EXECVEAT) {
            throw new RecordingRefused("the program runs another program (" + name(nr) + "): recording across exec is not supported");
        }
        if (nr == PRCTL && (a[0] == 26 || a[0] == 25)) {
            throw new RecordingRefused("the program changes its rdtsc mode (prctl PR_SET_TSC), which the recording relies on");
        }
        if (nr == ARCH_PRCTL && a[0] == 0x1012) {
            throw new RecordingRefused("the program changes CPUID faulting (arch_prctl ARCH_SET_CPUID), which the recording relies on");
        }
        if (nr == IOCTL && !knownIoctl(a[1])) {
            throw new RecordingRefused(String.format("the program makes an ioctl (request 0x%x) whose effects the recorder does not know", a[1]));
        }
        Mode m = MODES.get(nr);
        if (m == null) {
            throw new RecordingRefused("the program makes the system call " + name(nr) + ", which the recorder does not know;"
                    + " recording it could not be replayed exactly");
        }
        return m;
    }

    private static boolean knownIoctl(long request) {
        return request == 0x5401 || request == 0x5402 || request == 0x5403 || request == 0x5404 || request == 0x5413
                || request == 0x5414 || request == 0x541B || request == 0x540F || request == 0x5410 || request == 0x5421
                || request == 0x5450 || request == 0x5451;
    }

    /** The memory ranges ({address, length}) the kernel wrote for a finished call. */
    static List<long[]> writes(long nr, long[] a, long r, Tracee t) {
        List<long[]> w = new ArrayList<>();
        boolean ok = r >= 0 || r < -4095;
        switch ((int) nr) {
            case 0, 17, 45, 217, 78, 318 -> { if (r > 0) add(w, a[1 - (nr == 318 ? 1 : 0)], r); }
            case 89 -> { if (r > 0) add(w, a[1], r); }
            case 267 -> { if (r > 0) add(w, a[2], r); }
            case 79 -> { if (r > 0) add(w, a[0], r); }
            case 19, 295, 327 -> { if (r > 0) iovecs(w, a[1], a[2], r, t); }
            case 4, 5, 6 -> { if (ok) add(w, a[1], 144); }
            case 262 -> { if (ok) add(w, a[2], 144); }
            case 332 -> { if (ok) add(w, a[4], 256); }
            case 137, 138 -> { if (ok) add(w, a[1], 120); }
            case 228 -> { if (ok) add(w, a[1], 16); }
            case 229 -> { if (ok && a[1] != 0) add(w, a[1], 16); }
            case 96 -> { if (ok) { if (a[0] != 0) add(w, a[0], 16); if (a[1] != 0) add(w, a[1], 8); } }
            case 201 -> { if (ok && a[0] != 0) add(w, a[0], 8); }
            case 35 -> { if (a[1] != 0) add(w, a[1], 16); }
            case 230 -> { if (a[3] != 0) add(w, a[3], 16); }
            case 36 -> { if (ok) add(w, a[1], 32); }
            case 38 -> { if (ok && a[2] != 0) add(w, a[2], 32); }
            case 63 -> { if (ok) add(w, a[0], 390); }
            case 99 -> { if (ok) add(w, a[0], 112); }
            case 97 -> { if (ok) add(w, a[1], 16); }
            case 302 -> { if (ok && a[3] != 0) add(w, a[3], 16); }
            case 98 -> { if (ok) add(w, a[1], 144); }
            case 100 -> { if (a[0] != 0) add(w, a[0], 32); }
            case 61 -> { if (r > 0) { if (a[1] != 0) add(w, a[1], 4); if (a[3] != 0) add(w, a[3], 144); } }
            case 247 -> { if (ok) { if (a[2] != 0) add(w, a[2], 128); if (a[4] != 0) add(w, a[4], 144); } }
            case 22, 293 -> { if (ok) add(w, a[0], 8); }
            case 53 -> { if (ok) add(w, a[3], 8); }
            case 7, 271 -> { if (ok) add(w, a[0], a[1] * 8); if (nr == 271 && a[2] != 0) add(w, a[2], 16); }
            case 23, 270 -> {
                long bytes = (a[0] + 63) / 64 * 8;
                for (int i = 1; i <= 3; i++) if (a[i] != 0) add(w, a[i], bytes);
                if (a[4] != 0) add(w, a[4], 16);
            }
            case 232, 281 -> { if (r > 0) add(w, a[1], r * 12); }
            case 204 -> { if (r > 0) add(w, a[2], r); }
            case 309 -> { if (a[0] != 0) add(w, a[0], 4); if (a[1] != 0) add(w, a[1], 4); }
            case 127 -> { if (ok) add(w, a[0], a[1]); }
            case 128 -> { if (r > 0 && a[1] != 0) add(w, a[1], 128); }
            case 43, 288, 51, 52 -> { if (ok && a[1] != 0 && a[2] != 0) { add(w, a[2], 4); add(w, a[1], le(t.read(a[2], 4), 0) & 0xffffffffL); } }
            case 55 -> { if (ok) { add(w, a[4], 4); add(w, a[3], le(t.read(a[4], 4), 0) & 0xffffffffL); } }
            case 118, 120 -> { if (ok) for (int i = 0; i < 3; i++) add(w, a[i], 4); }
            case 115 -> { if (r > 0 && a[0] > 0) add(w, a[1], r * 4); }
            case 143 -> { if (ok) add(w, a[1], 4); }
            case 222 -> { if (ok) add(w, a[2], 4); }
            case 223, 286 -> { if (ok && a[3] != 0) add(w, a[3], 32); }
            case 224 -> { if (ok) add(w, a[1], 32); }
            case 274 -> { if (ok) { add(w, a[1], 8); add(w, a[2], 8); } }
            case 27 -> { if (ok) add(w, a[2], (a[1] + 4095) / 4096); }
            case 40 -> { if (ok && a[2] != 0) add(w, a[2], 8); }
            case 315 -> { if (ok) add(w, a[1], a[2]); }
            case 157 -> { if (ok && a[0] == 16) add(w, a[1], 16); }
            case 16 -> {
                if (ok) {
                    if (a[1] == 0x5401) add(w, a[2], 36);
                    else if (a[1] == 0x5413) add(w, a[2], 8);
                    else if (a[1] == 0x541B || a[1] == 0x540F) add(w, a[2], 4);
                }
            }
            default -> { }
        }
        return w;
    }

    private static void add(List<long[]> w, long address, long length) {
        if (address != 0 && length > 0) w.add(new long[] {address, length});
    }

    private static void iovecs(List<long[]> w, long iov, long count, long total, Tracee t) {
        byte[] v = t.read(iov, (int) Math.min(count, 1024) * 16);
        for (int i = 0; i + 16 <= v.length && total > 0; i += 16) {
            long n = Math.min(le(v, i + 8), total);
            add(w, le(v, i), n);
            total -= n;
        }
    }

    static long le(byte[] b, int off) {
        return b.length >= off + 8 ? ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(off)
                : b.length >= off + 4 ? ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(off) : 0;
    }
}
