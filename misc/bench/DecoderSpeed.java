import dev.hindsight.tracer.disasm.Disassembler;
import dev.hindsight.tracer.elf.ElfFile;
import dev.hindsight.tracer.elf.ElfSection;
import dev.hindsight.tracer.sys.CapstoneLib;
import dev.hindsight.tracer.sys.LlvmDisasmLib;
import dev.hindsight.tracer.sys.NativeBuffer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Capstone 4 beside LLVM 19, decoding the same instructions one at a time (the stepping case: one
 * decode per stop) from libc's .text, through each library's JNA mapping; then the engine's
 * Disassembler.decodeOne (LLVM plus the objdump-spelling rewrite) on the same bytes, uncached.
 * Times are this thread's CPU time per instruction (the VM is shared; wall time is noisy).
 * Usage: java -cp … DecoderSpeed.java [INSTRUCTIONS] [LIBC]
 */
public class DecoderSpeed {
    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path libc = Path.of(args.length > 1 ? args[1] : "/lib/x86_64-linux-gnu/libc.so.6");
        ElfFile elf = ElfFile.open(libc);
        ElfSection text = elf.section(".text").orElseThrow();
        ByteBuffer data = elf.sectionData(".text").orElseThrow();
        byte[] code = new byte[data.remaining()];
        data.get(code);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= 3; round++) { // round 1 warms the JIT; quote the last
            double capstone = capstone(code, text.address(), count, cpu);
            double llvm = llvm(code, text.address(), count, cpu);
            double engine = engine(code, text.address(), count, cpu);
            System.out.printf("round %d, %d instructions of %s .text, CPU per decode: Capstone %.2f us, LLVM %.2f us"
                    + " (%.2fx Capstone), Disassembler.decodeOne %.2f us%n", round, count, libc, capstone, llvm,
                    llvm / capstone, engine);
        }
    }

    private static double capstone(byte[] code, long base, int count, ThreadMXBean cpu) {
        long handle = CapstoneLib.open();
        NativeBuffer out = NativeBuffer.allocate(8);
        long start = cpu.getCurrentThreadCpuTime();
        int offset = 0;
        for (int i = 0; i < count && offset < code.length; i++) {
            byte[] window = Arrays.copyOfRange(code, offset, Math.min(code.length, offset + 15));
            var decoded = CapstoneLib.disasm(handle, window, window.length, base + offset, 1, out);
            offset += decoded.isEmpty() ? 1 : decoded.get(0).bytes().length;
        }
        long spent = cpu.getCurrentThreadCpuTime() - start;
        CapstoneLib.close(handle);
        return spent / 1000.0 / count;
    }

    private static double llvm(byte[] code, long base, int count, ThreadMXBean cpu) {
        long context = LlvmDisasmLib.open(false);
        NativeBuffer window = NativeBuffer.allocate(16), text = NativeBuffer.allocate(256);
        long start = cpu.getCurrentThreadCpuTime();
        int offset = 0;
        for (int i = 0; i < count && offset < code.length; i++) {
            int length = Math.min(15, code.length - offset);
            window.write(0, code, offset, length);
            int size = LlvmDisasmLib.decode(context, window.address(), length, base + offset, text);
            LlvmDisasmLib.text(text); // the text is what a listing needs; Capstone's binding copies it too
            offset += size == 0 ? 1 : size;
        }
        long spent = cpu.getCurrentThreadCpuTime() - start;
        LlvmDisasmLib.close(context);
        return spent / 1000.0 / count;
    }

    private static double engine(byte[] code, long base, int count, ThreadMXBean cpu) {
        try (Disassembler d = new Disassembler()) {
            long start = cpu.getCurrentThreadCpuTime();
            int offset = 0;
            for (int i = 0; i < count && offset < code.length; i++) {
                byte[] window = Arrays.copyOfRange(code, offset, Math.min(code.length, offset + 15));
                offset += d.decodeOne(window, base + offset).map(insn -> insn.length()).orElse(1);
            }
            return (cpu.getCurrentThreadCpuTime() - start) / 1000.0 / count;
        }
    }
}
