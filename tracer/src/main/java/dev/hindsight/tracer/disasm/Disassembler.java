package dev.hindsight.tracer.disasm;

import capstone.Capstone;

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
 * <p>Memory: the {@code capstone} 4.0.2 Java binding never calls {@code cs_free} on the array returned
 * by {@code cs_disasm}, so every decoded instruction leaks its native {@code cs_insn} (measured: about
 * 250 bytes per instruction in listings, about 400 bytes per single-instruction call including malloc
 * overhead; more with detail mode, which we therefore leave off). We cannot free it without using JNA directly;
 * {@link #decodeOne} caches results to keep the per-step cost and the leak proportional to distinct
 * program counters rather than to steps.
 *
 * <p>Undecodable bytes become one-byte {@code (bad)} instructions in listings, as in gdb and objdump.
 */
public final class Disassembler implements AutoCloseable {
    /** The architectural maximum instruction length. */
    public static final int MAX_INSTRUCTION_LENGTH = 15;
    public static final String BAD_MNEMONIC = "(bad)";

    private final Capstone capstone;
    private final DecodeCache cache = new DecodeCache(4096);
    private Syntax syntax;
    private boolean closed;

    public Disassembler() {
        this(Syntax.ATT);
    }

    /** @throws IllegalStateException if libcapstone cannot be loaded */
    public Disassembler(Syntax syntax) {
        try {
            capstone = new Capstone(Capstone.CS_ARCH_X86, Capstone.CS_MODE_64);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new IllegalStateException("cannot load Capstone 4 (libcapstone.so); install libcapstone-dev: "
                    + e.getMessage(), e);
        }
        setSyntax(syntax);
    }

    public synchronized Syntax syntax() {
        return syntax;
    }

    public synchronized void setSyntax(Syntax syntax) {
        ensureOpen();
        if (syntax == this.syntax) return;
        capstone.setSyntax(syntax == Syntax.ATT ? Capstone.CS_OPT_SYNTAX_ATT : Capstone.CS_OPT_SYNTAX_INTEL);
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
        Capstone.CsInsn[] decoded = capstone.disasm(window, address, 1);
        Optional<Instruction> result = decoded.length == 0 ? Optional.empty() : Optional.of(convert(decoded[0]));
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
            Capstone.CsInsn[] decoded = capstone.disasm(slice, address + offset, wanted);
            if (decoded.length == 0) {
                out.add(bad(address + offset, code[offset]));
                offset++;
                continue;
            }
            for (Capstone.CsInsn insn : decoded) {
                out.add(convert(insn));
                offset += insn.size;
            }
        }
        return out;
    }

    /** The pseudo-instruction listings show for a byte that starts no valid instruction. */
    public static Instruction bad(long address, byte value) {
        return new Instruction(address, new byte[] {value}, BAD_MNEMONIC, "", ControlFlow.INVALID,
                OptionalLong.empty(), OptionalLong.empty());
    }

    private Instruction convert(Capstone.CsInsn insn) {
        String mnemonic = GdbMnemonics.normalize(insn.mnemonic, insn.opStr, syntax);
        // gdb separates AT&T operands with a bare comma; AT&T operand text never contains ", " otherwise.
        String operands = syntax == Syntax.ATT ? insn.opStr.replace(", ", ",") : insn.opStr;
        ControlFlow flow = ControlFlowClassifier.classify(mnemonic);
        long next = insn.address + insn.size;
        return new Instruction(insn.address, Arrays.copyOf(insn.bytes, insn.size), mnemonic, operands, flow,
                ControlFlowClassifier.branchTarget(flow, operands),
                ControlFlowClassifier.ripRelativeTarget(operands, next));
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("disassembler is closed");
    }

    /** Releases the Capstone handle; idempotent because the binding's close is not. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        cache.clear();
        capstone.close();
    }
}
