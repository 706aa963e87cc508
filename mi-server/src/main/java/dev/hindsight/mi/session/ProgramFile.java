package dev.hindsight.mi.session;

import dev.hindsight.tracer.elf.ElfFile;
import dev.hindsight.tracer.elf.ElfSegment;
import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.values.EvaluationException;
import dev.hindsight.tracer.values.ProgramAccess;
import dev.hindsight.tracer.values.Values;
import dev.hindsight.tracer.values.Variable;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * The executable before it runs, as gdb reads it then (its "exec" target): memory is the file's
 * loadable segments at their link addresses (a PIE's unrelocated, as gdb shows them), initialized
 * data from the file and {@code .bss} as zeros; nothing can be written and there are no registers.
 * Globals, functions and {@code sizeof} evaluate against it as in gdb.
 */
public final class ProgramFile implements ProgramAccess {
    private final ElfFile elf;
    private final ModuleMap modules;

    private ProgramFile(ElfFile elf) {
        this.elf = elf;
        this.modules = ModuleMap.forExecutable(elf, 0);
    }

    public static ProgramFile of(Path program) {
        return new ProgramFile(ElfFile.open(program));
    }

    /** An expression as gdb evaluates it without a process: the executable's globals and functions; a register is "No registers.". */
    public Variable evaluate(String expression) {
        java.util.regex.Matcher register = java.util.regex.Pattern.compile("\\$([a-z][a-z0-9]*)").matcher(expression);
        while (register.find()) {
            String n = register.group(1);
            if (dev.hindsight.tracer.regs.Registers.isName(n) || n.matches("pc|sp|fp|ps|[xyz]mm\\d+|st\\d|k\\d")) throw noRegisters();
        }
        LoadedModule m = modules.modules().get(0);
        Frame none = new Frame(0, m.start(), 0, null, null, null, null, Map.of(), false, 0);
        return new Values(this).evaluate(expression, none);
    }

    @Override
    public byte[] read(long address, int length) {
        byte[] out = new byte[length];
        int n = 0;
        // contiguous bytes from address on, across segments that touch; short where nothing is loaded
        while (n < length) {
            long at = address + n;
            ElfSegment s = segmentAt(at);
            if (s == null) break;
            long inSegment = at - s.vaddr();
            int take = (int) Math.min(length - n, s.memSize() - inSegment);
            if (inSegment < s.fileSize()) {
                ByteBuffer data = elf.segmentData(s);
                int fromFile = (int) Math.min(take, s.fileSize() - inSegment);
                data.get((int) inSegment, out, n, fromFile);
            }
            n += take; // past the file's bytes: .bss, zeros
        }
        return n == length ? out : java.util.Arrays.copyOf(out, n);
    }

    private ElfSegment segmentAt(long address) {
        for (ElfSegment s : elf.segments()) {
            if (s.type() == ElfSegment.PT_LOAD && address >= s.vaddr() && address < s.vaddr() + s.memSize()) return s;
        }
        return null;
    }

    @Override
    public void write(long address, byte[] data) {
        throw new EvaluationException("Cannot access memory at address 0x" + Long.toHexString(address));
    }

    @Override
    public ModuleMap modules() {
        return modules;
    }

    private static EvaluationException noRegisters() {
        return new EvaluationException("No registers.");
    }

    @Override
    public Map<Integer, Long> liveRegisters() {
        throw noRegisters();
    }

    @Override
    public long namedRegister(String name) {
        throw noRegisters();
    }

    @Override
    public byte[] vector(int n) {
        throw noRegisters();
    }

    @Override
    public void writeRegister(int dwarfRegister, long value) {
        throw noRegisters();
    }

    @Override
    public void writeVector(int n, byte[] value) {
        throw noRegisters();
    }

    @Override
    public long threadPointer() {
        throw noRegisters();
    }
}
