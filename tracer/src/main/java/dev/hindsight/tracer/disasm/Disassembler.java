package dev.hindsight.tracer.disasm;

import dev.hindsight.tracer.sys.CapstoneLib;
import dev.hindsight.tracer.sys.CapstoneLib.RawInstruction;
import dev.hindsight.tracer.sys.NativeBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * x86-64 disassembler backed by Capstone 4 (system {@code libcapstone}).
 *
 * <p>Thread-safe: all methods synchronize on the instance because a Capstone handle carries mutable
 * state (syntax option, last error). Close it to release the native handle; using it afterwards throws.
 *
 * <p>Capstone is reached through {@link CapstoneLib}, our direct mapping that frees what Capstone
 * allocates (the published Java binding leaked every decoded instruction). {@link #decodeOne}
 * still caches recent results: a step loop decodes the same few program counters again and again.
 *
 * <p>Undecodable bytes become one-byte {@code (bad)} instructions in listings, as in gdb and objdump.
 */
public final class Disassembler implements AutoCloseable {
    /** The architectural maximum instruction length. */
    public static final int MAX_INSTRUCTION_LENGTH = 15;
    public static final String BAD_MNEMONIC = "(bad)";

    private final long handle;
    private final NativeBuffer out = NativeBuffer.allocate(8);
    private final DecodeCache cache = new DecodeCache(4096);
    private Syntax syntax;
    private boolean closed;

    public Disassembler() {
        this(Syntax.ATT);
    }

    /** @throws IllegalStateException if libcapstone cannot be loaded */
    public Disassembler(Syntax syntax) {
        handle = CapstoneLib.open();
        setSyntax(syntax);
    }

    public synchronized Syntax syntax() {
        return syntax;
    }

    public synchronized void setSyntax(Syntax syntax) {
        ensureOpen();
        if (syntax == this.syntax) return;
        CapstoneLib.setSyntax(handle, syntax == Syntax.INTEL);
        this.syntax = syntax;
        cache.clear();
    }

    /**
     * Decodes the instruction at the start of {@code code}, looking at no more than 15 bytes.
     *
     * @return empty if the buffer is empty or does not start with a complete valid instruction
     *         (invalid opcode, or truncated by the end of the buffer)
     */
    public synchronized Optional<Instruction> decodeOne(byte[] code, long address) {
        ensureOpen();
        if (code.length == 0) return Optional.empty();
        byte[] window = code.length <= MAX_INSTRUCTION_LENGTH ? code : Arrays.copyOf(code, MAX_INSTRUCTION_LENGTH);
        Optional<Instruction> cached = cache.get(address, window);
        if (cached != null) return cached;
        List<RawInstruction> decoded = CapstoneLib.disasm(handle, window, window.length, address, 1, out);
        Optional<Instruction> result = decoded.isEmpty() ? Optional.empty() : Optional.of(convert(decoded.get(0)));
        cache.put(address, window, result);
        return result;
    }

    /**
     * Decodes up to {@code maxCount} instructions from the start of {@code code}. Bytes that do not
     * decode (including a truncated instruction at the end) each yield a one-byte {@code (bad)}
     * instruction so the listing keeps going.
     */
    public synchronized List<Instruction> disassemble(byte[] code, long address, int maxCount) {
        ensureOpen();
        if (maxCount < 0) throw new IllegalArgumentException("maxCount " + maxCount);
        List<Instruction> out = new ArrayList<>();
        int offset = 0;
        while (offset < code.length && out.size() < maxCount) {
            int wanted = maxCount - out.size();
            // Bound the slice so data regions full of bad bytes do not cost quadratic copying.
            int sliceEnd = (int) Math.min(code.length, offset + (long) wanted * MAX_INSTRUCTION_LENGTH);
            byte[] slice = Arrays.copyOfRange(code, offset, sliceEnd);
            List<RawInstruction> decoded = CapstoneLib.disasm(handle, slice, slice.length, address + offset, wanted, this.out);
            if (decoded.isEmpty()) {
                out.add(bad(address + offset, code[offset]));
                offset++;
                continue;
            }
            for (RawInstruction insn : decoded) {
                out.add(convert(insn));
                offset += insn.bytes().length;
            }
        }
        return out;
    }

    /** The pseudo-instruction listings show for a byte that starts no valid instruction. */
    public static Instruction bad(long address, byte value) {
        return new Instruction(address, new byte[] {value}, BAD_MNEMONIC, "", ControlFlow.INVALID,
                OptionalLong.empty(), OptionalLong.empty());
    }

    private Instruction convert(RawInstruction insn) {
        String mnemonic = GdbMnemonics.normalize(insn.mnemonic(), insn.operands(), syntax);
        // gdb separates AT&T operands with a bare comma; AT&T operand text never contains ", " otherwise.
        String raw = HexOperands.toHex(insn.operands());
        String operands = syntax == Syntax.ATT ? raw.replace(", ", ",") : raw;
        ControlFlow flow = ControlFlowClassifier.classify(mnemonic);
        long next = insn.address() + insn.bytes().length;
        return new Instruction(insn.address(), insn.bytes(), mnemonic, operands, flow,
                ControlFlowClassifier.branchTarget(flow, operands),
                ControlFlowClassifier.ripRelativeTarget(operands, next));
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("disassembler is closed");
    }

    /** Releases the Capstone handle; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        cache.clear();
        CapstoneLib.close(handle);
    }
}
