package dev.hindsight.mi.commands;

import dev.hindsight.mi.protocol.MiArgs;
import dev.hindsight.mi.protocol.MiCommand;
import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.protocol.MiList;
import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.mi.session.MiSession;
import dev.hindsight.mi.session.Numbers;
import dev.hindsight.tracer.Target;
import java.util.HexFormat;
import java.util.Set;

/**
 * The deprecated {@code -data-read-memory} (Emacs's memory buffer reads words through it) and
 * {@code -data-write-memory-bytes}; gdb's {@code =memory-changed} after an expression assigned
 * memory ({@link #assignedPlaces}).
 */
final class MemoryCommands {
    private MemoryCommands() {}

    /** Memory an assignment writes: where, how many bytes. */
    record Place(long address, long length) {}

    /**
     * The places the assignments in {@code expression} write, in the order they are written (the
     * right operand's first: {@code a = b = 3} writes b, then a), each its left operand's address
     * and size, read before the expression runs. A register or anything without an address writes
     * no memory. gdb tells of these writes by {@code -data-evaluate-expression}, {@code print} and
     * {@code set var} (not of {@code -var-assign}'s nor {@code -data-write-memory-bytes}', which
     * the front end made itself).
     */
    static java.util.List<Place> assignedPlaces(MiSession s, Target t, String expression, boolean running) {
        java.util.List<Place> places = new java.util.ArrayList<>();
        String e = expression.strip();
        int op = topLevelAssignment(e);
        if (op < 0) return places;
        int end = op;
        while (end > 0 && "+-*/%&|^<>".indexOf(e.charAt(end - 1)) >= 0) end--; // a compound operator's own characters
        String left = e.substring(0, end).strip();
        places.addAll(assignedPlaces(s, t, e.substring(op + 1), running));
        try {
            var v = running ? t.frames().evaluateWhileRunning(left) : t.frames().evaluate(left, s.frame());
            if (v.address().isEmpty()) return places;
            String size = (running ? t.frames().evaluateWhileRunning("sizeof(" + left + ")") : t.frames().evaluate("sizeof(" + left + ")", s.frame())).value();
            places.add(new Place(v.address().getAsLong(), Long.parseLong(size.strip())));
        } catch (RuntimeException ex) {
            // not an lvalue the evaluator reads: the assignment itself will say why
        }
        return places;
    }

    /** The index of the first {@code =} outside brackets and quotes that assigns (not {@code ==}, {@code <=}, {@code !=}…); -1: none. */
    private static int topLevelAssignment(String e) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (quote != 0) {
                if (c == '\\') i++;
                else if (c == quote) quote = 0;
                continue;
            }
            switch (c) {
                case '\'', '"' -> quote = c;
                case '(', '[', '{' -> depth++;
                case ')', ']', '}' -> depth--;
                case '=' -> {
                    if (depth != 0) continue;
                    if (i + 1 < e.length() && e.charAt(i + 1) == '=') {
                        i++; // ==
                        continue;
                    }
                    char before = i > 0 ? e.charAt(i - 1) : ' ';
                    if (before == '=' || before == '!') continue;
                    // <= and >= compare; <<= and >>= assign
                    if ((before == '<' || before == '>') && !(i > 1 && e.charAt(i - 2) == before)) continue;
                    return i;
                }
                default -> { }
            }
        }
        return -1;
    }

    /** gdb's {@code =memory-changed} for each place written, {@code type="code"} where it lies in an executable section. */
    static void memoryChanged(MiSession s, Target t, java.util.List<Place> places) {
        for (Place p : places) {
            MiTuple r = MiTuple.of().add("thread-group", "i1").add("addr", Numbers.hex16(p.address())).add("len", "0x" + Long.toHexString(p.length()));
            if (inCode(t, p.address())) r.add("type", "code");
            s.out().notify("memory-changed", r);
        }
    }

    /** Whether the address lies in a section of a loaded object that holds instructions (gdb's SEC_CODE). */
    private static boolean inCode(Target t, long address) {
        try {
            return t.symbols().modulesNow().moduleAt(address).map(m -> m.elf().sections().stream()
                    .anyMatch(c -> c.containsAddress(address - m.bias()) && (c.flags() & dev.hindsight.tracer.elf.ElfSection.SHF_EXECINSTR) != 0))
                    .orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** {@code -data-read-memory [-o OFFSET] ADDR WORD-FORMAT WORD-SIZE ROWS COLS [ASCHAR]}, in gdb's table. */
    static MiResult readMemory(MiSession s, MiCommand c) {
        MiArgs a = MiArgs.parse("-data-read-memory", c.args(), Set.of(), Set.of("-o"));
        var p = a.positional();
        if (p.size() != 5 && p.size() != 6) {
            throw new MiException("-data-read-memory: Usage: ADDR WORD-FORMAT WORD-SIZE NR-ROWS NR-COLS [ASCHAR].");
        }
        Target t = s.memoryTarget();
        long addr = DataCommands.address(s, p.get(0)) + (a.has("-o") ? Numbers.parseAddress(a.value("-o")) : 0);
        char format = p.get(1).isEmpty() ? 'x' : p.get(1).charAt(0);
        if ("xduot".indexOf(format) < 0) throw new MiException("Hindsight reads memory words in the formats x, d, u, o and t, not " + format);
        int size = Integer.parseInt(p.get(2));
        if (size != 1 && size != 2 && size != 4 && size != 8) throw new MiException("-data-read-memory: invalid word size " + size);
        int rows = Integer.parseInt(p.get(3));
        int cols = Integer.parseInt(p.get(4));
        if (rows < 1) throw new MiException("-data-read-memory: invalid number of rows.");
        if (cols < 1) throw new MiException("-data-read-memory: invalid number of columns.");
        long rowBytes = (long) size * cols;
        long total = rowBytes * rows;
        byte[] bytes = t.memory().readAnyTime(addr, (int) total);
        if (bytes.length == 0) throw new MiException("Unable to read memory.");
        MiList memory = MiList.of();
        for (int r = 0; r < rows; r++) {
            MiList data = MiList.of();
            StringBuilder ascii = new StringBuilder();
            for (int col = 0; col < cols; col++) {
                int at = (int) (r * rowBytes) + col * size;
                data.value(at + size <= bytes.length ? word(bytes, at, size, format) : "N/A");
            }
            MiTuple row = MiTuple.of().add("addr", Numbers.hex16(addr + r * rowBytes)).add("data", data);
            if (p.size() == 6) {
                for (int i = 0; i < rowBytes; i++) {
                    int at = (int) (r * rowBytes) + i;
                    int b = at < bytes.length ? bytes[at] & 0xff : -1;
                    ascii.append(b >= 32 && b < 127 ? (char) b : p.get(5).isEmpty() ? '.' : p.get(5).charAt(0));
                }
                row.add("ascii", ascii.toString());
            }
            memory.value(row);
        }
        return MiResult.done(MiTuple.of().add("addr", Numbers.hex16(addr)).add("nr-bytes", bytes.length)
                .add("total-bytes", total).add("next-row", Numbers.hex16(addr + rowBytes))
                .add("prev-row", Numbers.hex16(addr - rowBytes)).add("next-page", Numbers.hex16(addr + total))
                .add("prev-page", Numbers.hex16(addr - total)).add("memory", memory));
    }

    /** A little-endian word as gdb's x, d, u, o and t formats print it. */
    private static String word(byte[] b, int at, int size, char format) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) v = (v << 8) | (b[at + i] & 0xff);
        int bits = size * 8;
        return switch (format) {
            case 'x' -> String.format("0x%0" + (size * 2) + "x", v);
            case 'd' -> Long.toString(bits == 64 ? v : (v << (64 - bits)) >> (64 - bits));
            case 'u' -> Long.toUnsignedString(v);
            case 'o' -> v == 0 ? "0" : "0" + Long.toOctalString(v);
            default -> {
                String bin = Long.toBinaryString(v);
                yield "0".repeat(bits - bin.length()) + bin;
            }
        };
    }

    /** {@code -data-write-memory-bytes ADDR CONTENTS [COUNT]}: CONTENTS in hex, repeated to fill COUNT bytes. */
    static MiResult writeMemoryBytes(MiSession s, MiCommand c) {
        if (c.args().size() != 2 && c.args().size() != 3) {
            throw new MiException("Usage: ADDR DATA [COUNT].");
        }
        Target t = s.memoryTarget();
        long addr = DataCommands.address(s, c.args().get(0));
        String hex = c.args().get(1);
        if (hex.length() % 2 != 0) throw new MiException("Hex-encoded '" + hex + "' must have an even number of characters.");
        byte[] data;
        try {
            data = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new MiException("Invalid argument");
        }
        if (c.args().size() == 3) {
            int count = Integer.parseInt(c.args().get(2));
            if (count > data.length && data.length > 0) {
                byte[] filled = new byte[count];
                for (int i = 0; i < count; i++) filled[i] = data[i % data.length];
                data = filled;
            }
        }
        try {
            t.memory().writeAnyTime(addr, data);
        } catch (RuntimeException e) {
            throw new MiException("Could not write memory at " + Numbers.hex16(addr) + ".");
        }
        return MiResult.done();
    }
}
