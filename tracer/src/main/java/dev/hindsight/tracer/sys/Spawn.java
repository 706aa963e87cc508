package dev.hindsight.tracer.sys;

import com.sun.jna.Native;
import com.sun.jna.StringArray;

/**
 * posix_spawn(3) with file actions and attributes. Used instead of ProcessBuilder because the
 * JDK's reaper thread waitpid()s every child it starts and would consume ptrace stops.
 */
public final class Spawn {
    private static final int POSIX_SPAWN_SETPGROUP = 0x02, POSIX_SPAWN_SETSIGDEF = 0x04,
            POSIX_SPAWN_SETSIGMASK = 0x08, POSIX_SPAWN_SETSID = 0x80;
    private static final int ATTR_SIZE = 1024, ACTIONS_SIZE = 1024, SIGSET_SIZE = 128;

    static {
        Native.register(Spawn.class, "c");
    }

    private Spawn() {}

    private static native int posix_spawn(long pidPtr, String path, long actions, long attr,
                                          StringArray argv, StringArray envp);

    private static native int posix_spawn_file_actions_init(long actions);

    private static native int posix_spawn_file_actions_destroy(long actions);

    private static native int posix_spawn_file_actions_adddup2(long actions, int fd, int newFd);

    private static native int posix_spawn_file_actions_addclosefrom_np(long actions, int from);

    private static native int posix_spawn_file_actions_addchdir_np(long actions, String path);

    private static native int posix_spawnattr_init(long attr);

    private static native int posix_spawnattr_destroy(long attr);

    private static native int posix_spawnattr_setflags(long attr, short flags);

    private static native int posix_spawnattr_setsigmask(long attr, long sigset);

    private static native int posix_spawnattr_setsigdefault(long attr, long sigset);

    private static native int posix_spawnattr_setpgroup(long attr, int pgroup);

    private static native int sigemptyset(long set);

    private static native int sigfillset(long set);

    /**
     * Spawns {@code path} with the child's fds 0, 1, 2 taken from {@code stdio} (the caller's fd
     * numbers) and every other descriptor closed, signals unblocked and at their defaults.
     *
     * @return the child's pid
     */
    public static int spawn(String path, String[] argv, String[] envp, int[] stdio, String cwd, boolean newProcessGroup) {
        return spawn(path, argv, envp, stdio, cwd, newProcessGroup, false);
    }

    /**
     * As above; {@code newSession}: the child calls setsid(2) first (a session and process group
     * of its own, no controlling terminal), as a program started in a terminal of its own is.
     */
    public static int spawn(String path, String[] argv, String[] envp, int[] stdio, String cwd, boolean newProcessGroup,
                            boolean newSession) {
        NativeBuffer actions = NativeBuffer.allocate(ACTIONS_SIZE);
        NativeBuffer attr = NativeBuffer.allocate(ATTR_SIZE);
        NativeBuffer sigs = NativeBuffer.allocate(SIGSET_SIZE);
        NativeBuffer pid = NativeBuffer.allocate(8);
        check("posix_spawn_file_actions_init", posix_spawn_file_actions_init(actions.address()));
        check("posix_spawnattr_init", posix_spawnattr_init(attr.address()));
        try {
            for (int target = 0; target < 3; target++) {
                check("adddup2", posix_spawn_file_actions_adddup2(actions.address(), stdio[target], target));
            }
            check("addclosefrom", posix_spawn_file_actions_addclosefrom_np(actions.address(), 3));
            if (cwd != null) check("addchdir", posix_spawn_file_actions_addchdir_np(actions.address(), cwd));
            short flags = (short) (POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
            if (newSession) {
                flags |= POSIX_SPAWN_SETSID;
            } else if (newProcessGroup) {
                flags |= POSIX_SPAWN_SETPGROUP;
                check("setpgroup", posix_spawnattr_setpgroup(attr.address(), 0));
            }
            check("setflags", posix_spawnattr_setflags(attr.address(), flags));
            sigemptyset(sigs.address());
            check("setsigmask", posix_spawnattr_setsigmask(attr.address(), sigs.address()));
            sigfillset(sigs.address());
            check("setsigdefault", posix_spawnattr_setsigdefault(attr.address(), sigs.address()));
            int rc = posix_spawn(pid.address(), path, actions.address(), attr.address(),
                    new StringArray(argv), new StringArray(envp));
            check("posix_spawn(" + path + ")", rc);
            return pid.getInt(0);
        } finally {
            posix_spawn_file_actions_destroy(actions.address());
            posix_spawnattr_destroy(attr.address());
        }
    }

    private static void check(String call, int rc) {
        if (rc != 0) throw new NativeException(call, rc);
    }
}
