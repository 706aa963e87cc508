package dev.hindsight.tracer.values;

import dev.hindsight.tracer.elf.Demangler;
import dev.hindsight.tracer.elf.ElfSymbol;
import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.elf.SymbolicAddress;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The program as one frame sees it: memory, that frame's registers (recovered ones for callers;
 * only the innermost frame's can be written) and symbols for pointers.
 */
public final class ValueContext {
    private final ProgramAccess program;
    private final Map<Integer, Long> registers;
    private final boolean innermost;
    private final long bias;

    public ValueContext(ProgramAccess program, Map<Integer, Long> registers, boolean innermost) {
        this(program, registers, innermost, 0);
    }

    /** {@code bias}: the load bias of the frame's module, for link-time addresses its types carry (static members). */
    public ValueContext(ProgramAccess program, Map<Integer, Long> registers, boolean innermost, long bias) {
        this.bias = bias;
        this.program = program;
        this.registers = new java.util.HashMap<>(registers);
        this.innermost = innermost;
    }

    public ProgramAccess program() {
        return program;
    }

    public boolean innermost() {
        return innermost;
    }

    public long relocate(long linkAddress) {
        return linkAddress + bias;
    }

    /** Exactly {@code length} bytes at {@code address}, or an error naming the first unreadable address. */
    public byte[] read(long address, int length) {
        byte[] b = program.read(address, length);
        if (b.length < length) throw new EvaluationException(cannotAccess(address + b.length));
        return b;
    }

    /** Up to {@code length} bytes (shorter where memory ends), for strings. */
    public byte[] readSome(long address, int length) {
        return program.read(address, length);
    }

    public void write(long address, byte[] data) {
        program.write(address, data);
    }

    public static String cannotAccess(long address) {
        return "Cannot access memory at address 0x" + Long.toHexString(address);
    }

    public OptionalLong register(int dwarfRegister) {
        Long v = registers.get(dwarfRegister);
        if (v != null) return OptionalLong.of(v);
        int vector = program.architecture().dwarfVectorRegister(dwarfRegister);
        if (vector >= 0 && innermost) {
            return OptionalLong.of(java.nio.ByteBuffer.wrap(program.vector(vector))
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong());
        }
        return OptionalLong.empty();
    }

    /** A register's bytes (8 for general registers, 16 for vector registers), or null when the frame does not know it. */
    public byte[] registerBytes(int dwarfRegister) {
        int vector = program.architecture().dwarfVectorRegister(dwarfRegister);
        if (vector >= 0) return innermost ? program.vector(vector) : null;
        Long v = registers.get(dwarfRegister);
        if (v == null) return null;
        return java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    /**
     * A vector register's {@code size} bytes beyond its 16 (x86's ymm: xmm and the AVX upper
     * half), or null where the frame does not know them (outer frames).
     */
    public byte[] wideVectorBytes(int dwarfRegister, int size) {
        int vector = program.architecture().dwarfVectorRegister(dwarfRegister);
        return vector >= 0 && innermost ? program.wideVector(vector, size) : null;
    }

    public void writeRegister(int dwarfRegister, byte[] bytes) {
        if (!innermost) throw new EvaluationException("Registers of a caller frame cannot be written.");
        int vector = program.architecture().dwarfVectorRegister(dwarfRegister);
        if (vector >= 0) {
            byte[] full = program.vector(vector);
            System.arraycopy(bytes, 0, full, 0, Math.min(bytes.length, full.length));
            program.writeVector(vector, full);
            return;
        }
        byte[] full = registerBytes(dwarfRegister);
        if (full == null) throw new EvaluationException("Register " + dwarfRegister + " is not available.");
        System.arraycopy(bytes, 0, full, 0, Math.min(bytes.length, 8));
        long value = java.nio.ByteBuffer.wrap(full).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        program.writeRegister(dwarfRegister, value);
        registers.put(dwarfRegister, value);
    }

    /**
     * gdb's {@code <symbol+offset>} for a pointer: a function (sized or not) or a data object whose
     * extent covers the address; empty for the stack, the heap and unnamed data.
     */
    public Optional<String> symbolAt(long address) {
        Optional<LoadedModule> m = program.modules().moduleAt(address);
        if (m.isEmpty()) return Optional.empty();
        Optional<SymbolicAddress> s = m.get().elf().symbols().lookup(address - m.get().bias());
        if (s.isEmpty()) return Optional.empty();
        Optional<ElfSymbol> sym = m.get().elf().symbols().symbol(s.get().symbol());
        boolean covers = sym.map(e -> e.isFunction() || e.size() > s.get().offset()).orElse(false);
        if (!covers) return Optional.empty();
        return Optional.of(demangled(s.get().symbol()) + (s.get().offset() == 0 ? "" : "+" + s.get().offset()));
    }

    /** gdb's name for a symbol: functions with parameters but without a template's return type. */
    private static String demangled(String symbol) {
        return Demangler.function(symbol).filter(f -> f.parameters() != null).map(f -> f.name() + f.parameters())
                .orElseGet(() -> Demangler.demangle(symbol));
    }
}
