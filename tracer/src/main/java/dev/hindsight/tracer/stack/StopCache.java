package dev.hindsight.tracer.stack;

import dev.hindsight.tracer.backend.Backend;
import dev.hindsight.tracer.regs.Registers;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one stop of the program looks like, read once: registers of its threads, their walked
 * stacks and the stack memory the walks read. A front end asks for the same things several times
 * per stop (a stack trace, then the registers, then variables of the top frame), and every
 * backend read is a hand-off to the engine's thread.
 * {@link dev.hindsight.tracer.inspect.StoppedProgram} throws the whole cache away whenever the
 * program resumes and whenever anything is written (registers, memory, breakpoints), so nothing
 * here is ever stale.
 */
public final class StopCache {
    /** Stack memory is read in aligned blocks of this size. */
    private static final int BLOCK = 512;

    private final Backend backend;
    private final Map<Integer, Registers> registers = new ConcurrentHashMap<>();
    private final Map<Integer, Stack> stacks = new ConcurrentHashMap<>();
    private final Map<Long, byte[]> blocks = new ConcurrentHashMap<>();

    /** A walk's frames; {@code complete} when the walk ended before reaching its limit. */
    private record Stack(List<Frame> frames, boolean complete) { }

    public StopCache(Backend backend) {
        this.backend = backend;
    }

    public Registers registers(int tid) {
        Registers r = registers.get(tid);
        if (r == null) {
            r = backend.registers(tid); // not inside computeIfAbsent: this waits for the engine's thread
            registers.putIfAbsent(tid, r);
        }
        return r;
    }

    /**
     * Reads what the first request after a stop needs, on the engine's thread as the stop is
     * recorded (no hand-off there): the thread's registers and the stack around its stack pointer,
     * where the innermost frames keep their return addresses.
     */
    public void prefetch(int tid) {
        Registers regs = registers(tid);
        prefetchBlocks(regs.rsp() & -BLOCK, 2);
        // The instruction about to run: a trace prints it, a step over a call decodes it, a page
        // shows it. Up to 15 bytes, so the next block too when it starts that close to the end.
        long rip = regs.rip();
        long code = rip & -BLOCK;
        if (!blocks.containsKey(code) || (rip + MAX_INSTRUCTION > code + BLOCK && !blocks.containsKey(code + BLOCK))) {
            prefetchBlocks(code, rip + MAX_INSTRUCTION > code + BLOCK ? 2 : 1);
        }
    }

    /** The longest x86 instruction, in bytes. */
    private static final int MAX_INSTRUCTION = 15;

    /** Reads {@code count} (1 or 2) blocks from {@code first}; a block shorter than BLOCK ends where memory does. */
    private void prefetchBlocks(long first, int count) {
        byte[] buf = new byte[count * BLOCK];
        int n = Math.max(backend.readMemory(first, buf, 0, buf.length), 0);
        blocks.put(first, java.util.Arrays.copyOf(buf, Math.min(n, BLOCK)));
        if (count > 1 && n > BLOCK) blocks.put(first + BLOCK, java.util.Arrays.copyOfRange(buf, BLOCK, n));
    }

    /** The first {@code max} frames of a walk this stop already made, or null when it made none that deep. */
    public List<Frame> frames(int tid, int max) {
        Stack s = stacks.get(tid);
        if (s == null || (s.frames.size() < max && !s.complete)) return null;
        return new ArrayList<>(s.frames.subList(0, Math.min(max, s.frames.size())));
    }

    public void putFrames(int tid, int max, List<Frame> frames) {
        Stack known = stacks.get(tid);
        if (known != null && (known.complete || known.frames.size() > frames.size())) return;
        stacks.put(tid, new Stack(List.copyOf(frames), frames.size() < max));
    }

    /** Drops the walked stacks (they were walked with a module map since found incomplete). */
    public void forgetStacks() {
        stacks.clear();
    }

    /** A little-endian word of 1-8 bytes of stack memory, through the block cache. */
    public OptionalLong readWord(long address, int size) {
        if (size < 1 || size > 8) return OptionalLong.empty();
        long block = address & -BLOCK;
        int at = (int) (address - block);
        byte[] cached = at + size > BLOCK ? null : block(block);
        byte[] b = new byte[8];
        if (cached != null && at + size <= cached.length) {
            System.arraycopy(cached, at, b, 0, size);
        } else if (backend.readMemory(address, b, 0, size) != size) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong());
    }

    /**
     * The {@code length} bytes at {@code address} when all of them lie in blocks this stop has
     * already read, else null (nothing is read here: the caller asks the engine).
     */
    public byte[] cached(long address, int length) {
        if (length <= 0 || length > 4 * BLOCK) return null;
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            long at = address + done;
            long start = at & -BLOCK;
            byte[] b = blocks.get(start);
            int from = (int) (at - start);
            int n = Math.min(length - done, BLOCK - from);
            // A short block ends where memory stops being readable: the engine tells how much is.
            if (b == null || from + n > b.length) return null;
            System.arraycopy(b, from, out, done, n);
            done += n;
        }
        return out;
    }

    private byte[] block(long start) {
        byte[] cached = blocks.get(start);
        if (cached == null) {
            byte[] buffer = new byte[BLOCK];
            int n = backend.readMemory(start, buffer, 0, BLOCK);
            cached = n == BLOCK ? buffer : java.util.Arrays.copyOf(buffer, Math.max(n, 0));
            blocks.putIfAbsent(start, cached);
        }
        return cached;
    }
}
