package dev.hindsight.dap.session;

import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code frameId}s and {@code variablesReference}s: small integers for objects that are valid
 * while the program stays stopped. Cleared on every resume; numbers are never reused, so a
 * reference from before the resume is recognised as stale instead of naming something else.
 */
public final class Handles {
    private final Map<Integer, Object> live = new HashMap<>();
    private int next = 1;

    public synchronized int add(Object value) {
        int id = next++;
        if (next == Integer.MAX_VALUE) next = 1;
        live.put(id, value);
        return id;
    }

    public synchronized void reset() {
        live.clear();
    }

    public <T> T get(int id, Class<T> type, String what) {
        Object o;
        synchronized (this) {
            o = live.get(id);
        }
        if (o == null) {
            throw new DapException(ErrorCode.STALE_REFERENCE, "unknown or stale " + what + " " + id
                    + " (references are valid only until the program resumes)");
        }
        if (!type.isInstance(o)) throw new DapException(ErrorCode.INVALID_ARGUMENTS, what + " " + id + " is not a " + type.getSimpleName());
        return type.cast(o);
    }

    public synchronized Object get(int id, String what) {
        return get(id, Object.class, what);
    }
}
