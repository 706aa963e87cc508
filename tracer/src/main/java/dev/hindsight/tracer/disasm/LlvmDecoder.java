package dev.hindsight.tracer.disasm;

import dev.hindsight.tracer.sys.LlvmDisasmLib;
import dev.hindsight.tracer.sys.NativeBuffer;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes one instruction with LLVM 19's disassembler and splits its text the way Capstone's is split.
 * LLVM prints {@code "\tmnemonic\toperands"}, prefixes as {@code "rep\t\tstosl\t..."}, a lock prefix as
 * an instruction of its own, and a direct branch's displacement rather than its target; this class
 * turns each into Capstone's form ({@code rep stosl}, {@code lock xaddq}, {@code call 0x401030}) so
 * both decoders feed the same normalisation. Not thread-safe: the {@link Disassembler} guards it.
 */
final class LlvmDecoder implements AutoCloseable {
    /** Prefixes LLVM decodes as instructions of their own; they belong to the instruction that follows. */
    private static final Set<String> STANDALONE_PREFIXES = Set.of("lock", "rep", "repne", "repe", "data16", "data32",
            "rex64", "notrack", "cs", "ds", "es", "ss", "fs", "gs", "addr32");
    private static final Pattern RELATIVE = Pattern.compile("(-?)(?:0x([0-9a-f]+)|([0-9]+))");

    private final long context;
    private final NativeBuffer code = NativeBuffer.allocate(2 * Disassembler.MAX_INSTRUCTION_LENGTH);
    private final NativeBuffer text = NativeBuffer.allocate(256);
    private boolean closed;

    LlvmDecoder(Syntax syntax) {
        context = LlvmDisasmLib.open(syntax == Syntax.INTEL);
    }

    /** The decoded instruction, or null if {@code bytes[offset, offset + length)} does not start one. */
    Decoded decode(byte[] bytes, int offset, int length, long address) {
        int window = Math.min(length, Disassembler.MAX_INSTRUCTION_LENGTH);
        if (window <= 0) return null;
        code.write(0, bytes, offset, window);
        int size = LlvmDisasmLib.decode(context, code.address(), window, address, text);
        if (size <= 0) return null;
        String[] split = split(LlvmDisasmLib.text(text));
        String mnemonic = split[0];
        String operands = split[1];
        if (operands.isEmpty() && STANDALONE_PREFIXES.contains(mnemonic) && size < window) {
            Decoded rest = decode(bytes, offset + size, length - size, address + size);
            if (rest == null || size + rest.bytes().length > Disassembler.MAX_INSTRUCTION_LENGTH) return null;
            mnemonic = mnemonic + " " + rest.mnemonic();
            operands = rest.operands();
            size += rest.bytes().length;
        } else {
            operands = absoluteBranchTarget(mnemonic, operands, address + size);
        }
        return new Decoded(address, Arrays.copyOfRange(bytes, offset, offset + size), mnemonic, operands);
    }

    /** {@code "\trep\t\tstosl\t%eax, %es:(%rdi)"} to {@code ["rep stosl", "%eax, %es:(%rdi)"]}. */
    static String[] split(String llvmText) {
        String s = llvmText.startsWith("\t") ? llvmText.substring(1) : llvmText;
        int prefixEnd = s.lastIndexOf("\t\t");
        String prefixes = prefixEnd < 0 ? "" : s.substring(0, prefixEnd).replace('\t', ' ').trim() + " ";
        String rest = prefixEnd < 0 ? s : s.substring(prefixEnd + 2);
        int tab = rest.indexOf('\t');
        String opcode = tab < 0 ? rest : rest.substring(0, tab);
        String operands = tab < 0 ? "" : rest.substring(tab + 1).trim();
        return new String[] {(prefixes + opcode).trim(), operands};
    }

    /** LLVM prints a relative branch's displacement ({@code jmp -0x2}); listings show the target. */
    private static String absoluteBranchTarget(String mnemonic, String operands, long nextAddress) {
        ControlFlow flow = ControlFlowClassifier.classify(mnemonic);
        boolean branch = flow == ControlFlow.CALL || flow == ControlFlow.JUMP || flow == ControlFlow.CONDITIONAL_JUMP
                || mnemonic.endsWith("xbegin");
        if (!branch) return operands;
        Matcher m = RELATIVE.matcher(operands);
        if (!m.matches()) return operands;
        long magnitude = m.group(2) != null ? Long.parseUnsignedLong(m.group(2), 16) : Long.parseLong(m.group(3));
        long target = nextAddress + (m.group(1).isEmpty() ? magnitude : -magnitude);
        return "0x" + Long.toHexString(target);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        LlvmDisasmLib.close(context);
    }
}
