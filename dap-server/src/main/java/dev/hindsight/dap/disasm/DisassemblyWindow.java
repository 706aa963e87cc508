package dev.hindsight.dap.disasm;

import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.disasm.Instruction;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The instructions of a {@code disassemble} request: {@code count} instructions starting
 * {@code offset} instructions from {@code base} (negative offsets go backwards). x86 code cannot
 * be decoded backwards, so earlier instructions are found by decoding forward from a point that
 * lands exactly on the known boundary: the start of the enclosing symbol when it is near, else a
 * guessed start that is moved byte by byte until the decoding resynchronises. Places that cannot
 * be read or decoded are {@code null} entries (the caller renders them as {@code ??}), so the
 * result always has exactly {@code count} entries and the one at {@code -offset} is at {@code base}.
 */
public final class DisassemblyWindow {
    private static final int NEAR_SYMBOL = 4096;
    private static final int PAGE = 4096;

    private final Target target;

    public DisassemblyWindow(Target target) {
        this.target = target;
    }

    /** A slot of the window: the address and, when it decodes, the instruction there. */
    public record Slot(long address, Instruction instruction) {}

    public List<Slot> window(long base, int offset, int count) {
        List<Slot> out = new ArrayList<>(count);
        if (offset < 0) {
            int k = -offset;
            List<Instruction> before = before(base, k);
            long first = before.isEmpty() ? base : before.get(0).address();
            for (int i = before.size(); i < k; i++) out.add(new Slot(first - (k - i), null));
            before.forEach(in -> out.add(new Slot(in.address(), in)));
            if (out.size() >= count) return List.copyOf(out.subList(0, count));
            out.addAll(forward(base, 0, count - out.size()));
            return out;
        }
        return forward(base, offset, count);
    }

    private List<Slot> forward(long from, int skip, int count) {
        List<Slot> out = new ArrayList<>(count);
        List<Instruction> decoded = target.disassembly().disassemble(from, skip + count);
        long next = from;
        for (int i = 0; i < decoded.size(); i++) {
            next = decoded.get(i).nextAddress();
            if (i >= skip) out.add(new Slot(decoded.get(i).address(), decoded.get(i)));
        }
        // Unreadable memory: one placeholder per byte position.
        int missingSkip = Math.max(0, skip - decoded.size());
        next += missingSkip;
        while (out.size() < count) out.add(new Slot(next++, null));
        return out;
    }

    /** Up to {@code k} instructions that end exactly at {@code end}, in address order. */
    List<Instruction> before(long end, int k) {
        List<Instruction> collected = new ArrayList<>();
        long cursor = end;
        while (collected.size() < k && cursor > PAGE) {
            List<Instruction> segment = null;
            OptionalLong sym = symbolStart(cursor - 1);
            if (sym.isPresent() && cursor - sym.getAsLong() <= NEAR_SYMBOL && sym.getAsLong() < cursor) {
                segment = decodeExactly(sym.getAsLong(), cursor);
            }
            if (segment == null) segment = resynchronised(cursor, k - collected.size());
            if (segment == null || segment.isEmpty()) break;
            collected.addAll(0, segment);
            cursor = segment.get(0).address();
        }
        return collected.size() > k ? collected.subList(collected.size() - k, collected.size()) : collected;
    }

    /** Decoding from a guessed start, moved a byte at a time until it lands on {@code end}. */
    private List<Instruction> resynchronised(long end, int wanted) {
        long guess = end - Math.min(NEAR_SYMBOL, (long) wanted * 8);
        guess = firstReadable(guess, end);
        for (long s = guess; s < end && s < guess + 16; s++) {
            List<Instruction> seg = decodeExactly(s, end);
            if (seg != null && !seg.isEmpty()) {
                // The first few may be decoded out of step; the tail is what resynchronised.
                return seg.size() > 4 ? seg.subList(Math.min(3, seg.size() - 1), seg.size()) : seg;
            }
        }
        return null;
    }

    private List<Instruction> decodeExactly(long from, long end) {
        int span = (int) (end - from);
        if (span <= 0 || target.memory().read(from, span).length < span) return null;
        List<Instruction> out = new ArrayList<>();
        for (Instruction in : target.disassembly().disassemble(from, span)) {
            if (in.address() >= end) break;
            out.add(in);
        }
        if (out.isEmpty() || out.get(out.size() - 1).nextAddress() != end) return null;
        return out;
    }

    private long firstReadable(long from, long end) {
        long a = from;
        while (a < end && target.memory().read(a, 1).length == 0) a = (a / PAGE + 1) * PAGE;
        return Math.min(a, end);
    }

    private OptionalLong symbolStart(long address) {
        return target.symbols().modules().symbolize(address).map(s -> OptionalLong.of(address - s.offset()))
                .orElse(OptionalLong.empty());
    }
}
