package dev.hindsight.tracer.disasm;

import dev.hindsight.tracer.arch.Architecture;
import dev.hindsight.tracer.arch.X86_64;
import dev.hindsight.tracer.sys.CapstoneLib;
import dev.hindsight.tracer.sys.CapstoneLib.RawInstruction;
import dev.hindsight.tracer.sys.LlvmDisasmLib;
import dev.hindsight.tracer.sys.NativeBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * x86-64 disassembler: LLVM 19's ({@link LlvmDecoder}, Debian's {@code libllvm19}) with its text rewritten
 * into gdb's and objdump's spelling ({@link ObjdumpSpelling}, {@link GdbMnemonics}); Capstone 4 (system
 * {@code libcapstone}) only when libLLVM-19 cannot be loaded. Capstone 4.0.2 misdecodes AVX-512 and a few
 * older encodings that libc uses; LLVM agrees with objdump on every instruction of libc's .text (see
 * LibcObjdumpComparisonTest) and costs the same per decode (misc/bench/decoder-speed.sh).
 *
 * <p>Thread-safe: all methods synchronize on the instance because the native handles carry mutable
 * state (syntax option, last error). Close it to release them; using it afterwards throws.
 *
 * <p>{@link #decodeOne} caches recent results: a step loop decodes the same few program counters
 * again and again.
 *
 * <p>Undecodable bytes become one-byte {@code (bad)} instructions in listings, as in gdb and objdump.
 */
public final class Disassembler implements AutoCloseable {
    /** The architectural maximum instruction length. */
    public static final int MAX_INSTRUCTION_LENGTH = 15;
    public static final String BAD_MNEMONIC = "(bad)";

    /** Which decoder answers; {@link #AUTO} is the engine's choice (see the class comment). */
    enum Engine { CAPSTONE, LLVM, AUTO }

    private final Engine engine;
    private final long handle;
    private LlvmDecoder llvm;
    private final NativeBuffer out = NativeBuffer.allocate(8);
    private final DecodeCache cache = new DecodeCache(4096);
    private static final Architecture HOST = Architecture.host();
    private Syntax syntax;
    private boolean closed;

    public Disassembler() {
        this(Syntax.ATT);
    }

    /** @throws IllegalStateException if libcapstone cannot be loaded */
    public Disassembler(Syntax syntax) {
        this(syntax, Engine.AUTO);
    }

    Disassembler(Syntax syntax, Engine engine) {
        this.engine = engine;
        handle = CapstoneLib.open(HOST);
        setSyntax(syntax);
    }

    public synchronized Syntax syntax() {
        return syntax;
    }

    public synchronized void setSyntax(Syntax syntax) {
        ensureOpen();
        if (syntax == this.syntax) return;
        // AT&T and Intel are x86's two spellings; other architectures have one (Capstone refuses the option there).
        if (HOST == X86_64.INSTANCE) CapstoneLib.setSyntax(handle, syntax == Syntax.INTEL);
        if (llvm != null) llvm.close();
        llvm = null;
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
        Decoded decoded = decodeRaw(window, 0, window.length, address);
        Optional<Instruction> result = decoded == null ? Optional.empty() : Optional.of(convert(decoded));
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
            Decoded decoded = decodeRaw(code, offset, code.length - offset, address + offset);
            if (decoded == null) {
                out.add(bad(address + offset, code[offset]));
                offset++;
            } else {
                out.add(convert(decoded));
                offset += decoded.bytes().length;
            }
        }
        return out;
    }

    /** The pseudo-instruction listings show for a byte that starts no valid instruction. */
    public static Instruction bad(long address, byte value) {
        return new Instruction(address, new byte[] {value}, BAD_MNEMONIC, "", ControlFlow.INVALID,
                OptionalLong.empty(), OptionalLong.empty());
    }

    private Decoded decodeRaw(byte[] code, int offset, int length, long address) {
        // The LLVM decoder is x86-64's (its triple); elsewhere Capstone decodes the host's code.
        if (engine == Engine.LLVM || (engine == Engine.AUTO && HOST == X86_64.INSTANCE && LlvmDisasmLib.available())) {
            Decoded decoded = llvm().decode(code, offset, length, address);
            return decoded == null ? null : ObjdumpSpelling.apply(decoded, syntax);
        }
        return capstone(code, offset, length, address);
    }

    private Decoded capstone(byte[] code, int offset, int length, long address) {
        int window = Math.min(length, MAX_INSTRUCTION_LENGTH);
        byte[] slice = offset == 0 && window == code.length ? code : Arrays.copyOfRange(code, offset, offset + window);
        List<RawInstruction> decoded = CapstoneLib.disasm(handle, slice, window, address, 1, out);
        if (decoded.isEmpty()) return null;
        RawInstruction insn = decoded.get(0);
        // LLVM prints hex itself (and a shift's implicit count as objdump does, "sar rdx, 1"); Capstone does not.
        return new Decoded(insn.address(), insn.bytes(), insn.mnemonic(), HexOperands.toHex(insn.operands()));
    }

    private LlvmDecoder llvm() {
        if (llvm == null) llvm = new LlvmDecoder(syntax);
        return llvm;
    }

    private Instruction convert(Decoded insn) {
        String mnemonic = GdbMnemonics.normalize(insn.mnemonic(), insn.operands(), syntax);
        // gdb separates AT&T operands with a bare comma; AT&T operand text never contains ", " otherwise.
        String raw = insn.operands();
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
        if (llvm != null) llvm.close();
        CapstoneLib.close(handle);
    }
}
