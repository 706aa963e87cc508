package dev.hindsight.tracer.sys;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/**
 * Direct mapping of LLVM's C disassembler API ({@code llvm-c/Disassembler.h}) in Debian's
 * {@code libllvm19} ({@code libLLVM-19.so}). Capstone 4 is a 2019 snapshot of LLVM's x86 tables and
 * misses or misdecodes AVX-512 and other newer encodings; LLVM 19 decodes them as objdump does.
 * Loaded lazily on first use: the library is large and only some decodes need it.
 */
public final class LlvmDisasmLib {
    /** {@code LLVMDisassembler_Option_PrintImmHex}. */
    public static final long OPTION_PRINT_IMM_HEX = 2;
    /** {@code LLVMDisassembler_Option_AsmPrinterVariant}: the other syntax than the target's default (x86: Intel). */
    public static final long OPTION_ASM_PRINTER_VARIANT = 4;
    private static final String TRIPLE = "x86_64-pc-linux-gnu";

    private static final Throwable loadFailure = load();

    private LlvmDisasmLib() {}

    private static Throwable load() {
        try {
            Native.register(LlvmDisasmLib.class, "LLVM-19");
            // What LLVMInitializeX86Disassembler's inline wrapper in Target.h would call: register the
            // target's info, machine-code layer and disassembler so LLVMCreateDisasm can find them.
            LLVMInitializeX86TargetInfo();
            LLVMInitializeX86TargetMC();
            LLVMInitializeX86Disassembler();
            return null;
        } catch (UnsatisfiedLinkError e) {
            return e;
        }
    }

    private static native void LLVMInitializeX86TargetInfo();

    private static native void LLVMInitializeX86TargetMC();

    private static native void LLVMInitializeX86Disassembler();

    private static native long LLVMCreateDisasm(String triple, long disInfo, int tagType, long getOpInfo, long symbolLookUp);

    private static native int LLVMSetDisasmOptions(long context, long options);

    private static native long LLVMDisasmInstruction(long context, long bytes, long size, long pc, long out, long outSize);

    private static native void LLVMDisasmDispose(long context);

    /** Whether libLLVM-19 could be loaded; when not, {@link #open} throws with an installation hint. */
    public static boolean available() {
        return loadFailure == null;
    }

    /** An x86-64 disassembler context with hex immediates, in Intel syntax if asked (AT&T otherwise). */
    public static long open(boolean intel) {
        if (loadFailure != null) {
            throw new IllegalStateException("cannot load libLLVM-19.so (install libllvm19): " + loadFailure.getMessage());
        }
        long context = LLVMCreateDisasm(TRIPLE, 0, 0, 0, 0);
        if (context == 0) throw new IllegalStateException("LLVMCreateDisasm(" + TRIPLE + ") failed");
        // Two calls, variant first: choosing the variant builds a new printer that forgets earlier options.
        if (intel) setOption(context, OPTION_ASM_PRINTER_VARIANT);
        setOption(context, OPTION_PRINT_IMM_HEX);
        return context;
    }

    private static void setOption(long context, long option) {
        if (LLVMSetDisasmOptions(context, option) == 0) {
            LLVMDisasmDispose(context);
            throw new IllegalStateException("LLVMSetDisasmOptions(" + option + ") refused");
        }
    }

    /**
     * Decodes one instruction from native memory {@code [code, code + size)} at address {@code pc},
     * writing its text (NUL-terminated, e.g. {@code "\tmovq\t%rax, %xmm0"}) into {@code text}.
     *
     * @return the instruction's length, 0 if the bytes do not start a valid instruction
     */
    public static int decode(long context, long code, long size, long pc, NativeBuffer text) {
        return (int) LLVMDisasmInstruction(context, code, size, pc, text.address(), text.size());
    }

    /** The text {@link #decode} wrote. */
    public static String text(NativeBuffer text) {
        return new Pointer(text.address()).getString(0, StandardCharsets.US_ASCII.name());
    }

    public static void close(long context) {
        LLVMDisasmDispose(context);
    }
}
