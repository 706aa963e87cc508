package dev.hindsight.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.hindsight.tracer.arch.Architecture;
import dev.hindsight.tracer.regs.Registers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A stop as one JSON line, {@code {"pc":…,"symbol":…,"insn":…,"regs":{…},"changed":[…]}}, built
 * in a reused byte buffer: the part that depends only on the pc is made once per pc with
 * Jackson (its escaping), the registers are ASCII names and hex digits written directly.
 * Per stop, Jackson's generator, hex strings and the changed-register list cost more than the
 * rest of the command's work on a stop.
 */
final class JsonStopWriter {
    private static final Architecture ARCH = Architecture.host();
    /**
     * The registers a JSON stop carries: x86-64's sixteen general registers, rip and eflags (not
     * the segment registers); AArch64's x0-x30, sp, pc and cpsr, as the architecture lists them.
     */
    static final List<String> REGISTERS = ARCH.programRegisters();
    /** Where each is in {@link Registers#raw()}. */
    private static final int[] INDEX = REGISTERS.stream().mapToInt(ARCH.kernelRegisterOrder()::indexOf).toArray();
    /** {@code "rax":"0x}, then {@code ,"rbx":"0x} and so on. */
    private static final byte[][] FIELD = new byte[REGISTERS.size()][];
    /** {@code "rax"} in the changed list. */
    private static final byte[][] QUOTED = new byte[REGISTERS.size()][];
    private static final byte[] CHANGED = ascii("},\"changed\":[");
    private static final byte[] END = ascii("]}\n");
    private static final byte[] HEX = ascii("0123456789abcdef");
    /** Compiled once: String.replaceAll compiled it again for every stop printed. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    static {
        for (int i = 0; i < REGISTERS.size(); i++) {
            FIELD[i] = ascii((i == 0 ? "" : ",") + "\"" + REGISTERS.get(i) + "\":\"0x");
            QUOTED[i] = ascii("\"" + REGISTERS.get(i) + "\"");
        }
    }

    /** The start of a pc's line, up to {@code "regs":{}, for the description it was made from. */
    private record Prefix(PcDescriptions.Description of, byte[] bytes) {}

    private final JsonFactory json = new JsonFactory();
    private final Map<Long, Prefix> prefixes = new HashMap<>();
    private byte[] line = new byte[1024];
    private int length;
    private long[] previous;

    void write(Registers regs, PcDescriptions.Description where, OutputStream out) {
        long[] values = regs.raw();
        byte[] prefix = prefix(regs.pc(), where);
        if (line.length < prefix.length + 1024) line = Arrays.copyOf(line, prefix.length + 1024);
        length = 0;
        append(prefix);
        for (int i = 0; i < INDEX.length; i++) {
            append(FIELD[i]);
            hex(values[INDEX[i]]);
            line[length++] = '"';
        }
        append(CHANGED);
        boolean first = true;
        for (int i = 0; i < INDEX.length; i++) {
            if (previous != null && previous[INDEX[i]] == values[INDEX[i]]) continue;
            if (!first) line[length++] = ',';
            append(QUOTED[i]);
            first = false;
        }
        append(END);
        previous = values;
        try {
            out.write(line, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] prefix(long pc, PcDescriptions.Description where) {
        Prefix p = prefixes.get(pc);
        if (p != null && p.of() == where) return p.bytes();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try {
            JsonGenerator g = json.createGenerator(bytes);
            g.writeStartObject();
            g.writeStringField("pc", "0x" + Long.toHexString(pc));
            g.writeStringField("symbol", where.symbol());
            g.writeStringField("insn", WHITESPACE.matcher(where.insn()).replaceAll(" "));
            g.writeObjectFieldStart("regs");
            g.flush(); // not closed: that would close the objects it opened
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        prefixes.put(pc, new Prefix(where, bytes.toByteArray()));
        return bytes.toByteArray();
    }

    /** As {@link Long#toHexString}: lowercase, no leading zeros. */
    private void hex(long v) {
        int digits = Math.max(1, (67 - Long.numberOfLeadingZeros(v)) / 4);
        for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) line[length++] = HEX[(int) (v >>> shift) & 0xf];
    }

    private void append(byte[] bytes) {
        System.arraycopy(bytes, 0, line, length, bytes.length);
        length += bytes.length;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
