package dev.hindsight.dap.disasm;

import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.disasm.AddressSymbolizer;
import dev.hindsight.tracer.disasm.Instruction;
import dev.hindsight.tracer.disasm.InstructionFormatter;
import dev.hindsight.tracer.elf.SymbolicAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A generated assembly listing of the function around an address, for frames whose source is not
 * on this machine (DAP {@code source} by {@code sourceReference}): one instruction per line,
 * {@code 0xADDRESS <symbol+off>: instruction}, after a comment line naming the function. The whole
 * function when a symbol covers the address (up to {@link #MAX}), else a window around it.
 */
public final class FunctionListing {
    private static final int MAX = 4096, CHUNK = 256, AROUND = 32;

    private final String name;
    private final String text;
    /** Instruction start → {line, end address}. */
    private final NavigableMap<Long, long[]> lines;

    private FunctionListing(String name, String text, NavigableMap<Long, long[]> lines) {
        this.name = name;
        this.text = text;
        this.lines = lines;
    }

    /** The listing of the function containing {@code address} in {@code target}'s memory now. */
    public static FunctionListing around(Target target, long address) {
        Optional<SymbolicAddress> sym = target.symbols().modules().symbolize(address);
        List<Instruction> code = sym.isPresent() ? function(target, address - sym.get().offset(), sym.get().symbol(), address)
                : List.of();
        if (code.isEmpty()) {
            code = new DisassemblyWindow(target).window(address, -AROUND, 2 * AROUND).stream()
                    .filter(s -> s.instruction() != null).map(DisassemblyWindow.Slot::instruction).toList();
        }
        AddressSymbolizer names = AddressSymbolizer.demangling(target.symbols()::symbolize);
        InstructionFormatter formatter = new InstructionFormatter(names, target.disassembly().syntax());
        String name = sym.map(SymbolicAddress::symbol).orElse(String.format("0x%x", address));
        String module = target.symbols().modules().moduleAt(address).map(m -> m.name()).orElse("?");
        StringBuilder text = new StringBuilder("; " + name + " in " + module + " (no source here: generated disassembly)\n");
        NavigableMap<Long, long[]> lines = new TreeMap<>();
        int line = 1;
        for (Instruction in : code) {
            line++;
            lines.put(in.address(), new long[] {line, in.nextAddress()});
            String where = names.symbolize(in.address()).map(s -> " <" + s + ">").orElse("");
            text.append(String.format("0x%x%s: %s%n", in.address(), where, formatter.format(in)));
        }
        return new FunctionListing(name, text.toString(), lines);
    }

    /** The instructions from {@code start} while the symbol stays {@code symbol}, or none if they miss {@code address}. */
    private static List<Instruction> function(Target target, long start, String symbol, long address) {
        List<Instruction> out = new ArrayList<>();
        long next = start;
        while (out.size() < MAX) {
            List<Instruction> chunk = target.disassembly().disassemble(next, CHUNK);
            if (chunk.isEmpty()) break;
            for (Instruction in : chunk) {
                Optional<SymbolicAddress> s = target.symbols().modules().symbolize(in.address());
                if (s.isEmpty() || !s.get().symbol().equals(symbol) || out.size() >= MAX) {
                    return covers(out, address) ? out : List.of();
                }
                out.add(in);
                next = in.nextAddress();
            }
        }
        return covers(out, address) ? out : List.of();
    }

    private static boolean covers(List<Instruction> code, long address) {
        return code.stream().anyMatch(in -> address >= in.address() && address < in.nextAddress());
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    /** Whether one of the listing's instructions contains {@code address}. */
    public boolean covers(long address) {
        var e = lines.floorEntry(address);
        return e != null && address < e.getValue()[1];
    }

    /** The 1-based line of the instruction that contains {@code address}, 0 if none does. */
    public int lineOf(long address) {
        return covers(address) ? (int) lines.floorEntry(address).getValue()[0] : 0;
    }
}
