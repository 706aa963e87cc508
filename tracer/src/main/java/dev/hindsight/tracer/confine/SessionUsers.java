package dev.hindsight.tracer.confine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

/**
 * The users confined sessions run as. A server running as root gives each live session a uid of
 * its own from an unnamed range (no two live sessions share one, so neither can signal, trace or
 * read the other, and {@code RLIMIT_NPROC} counts one session's processes); otherwise every
 * session runs as the server's own user, mapped inside its user namespace.
 */
final class SessionUsers {
    /** Far above any uid a distribution hands out, below the 2^31 that some tools treat as negative. */
    static final int FIRST_UID = 1_900_000_000;
    static final int POOL = 65_536;

    private final boolean root;
    private final int ownUid;
    private final BitSet taken = new BitSet(POOL);
    private int next;

    private SessionUsers(boolean root, int ownUid) {
        this.root = root;
        this.ownUid = ownUid;
    }

    static SessionUsers forThisProcess() {
        try {
            int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return new SessionUsers(uid == 0, uid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isRoot() {
        return root;
    }

    synchronized int acquire() {
        if (!root) return ownUid;
        int slot = taken.nextClearBit(next);
        if (slot >= POOL) slot = taken.nextClearBit(0);
        if (slot >= POOL) throw new ConfinementException("no free session user");
        taken.set(slot);
        next = (slot + 1) % POOL;
        return FIRST_UID + slot;
    }

    synchronized void release(int uid) {
        if (root) taken.clear(uid - FIRST_UID);
    }

    /** Makes the session's directory its own (mode 700), so only it and the server can enter. */
    void handOver(Path dir, int uid) {
        if (!root) return;
        try {
            Files.setAttribute(dir, "unix:uid", uid);
            Files.setAttribute(dir, "unix:gid", uid);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand " + dir + " to the session's user", e);
        }
    }
}
