package dev.hindsight.tracer.elf;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The symbols of one ELF file sorted by address for binary search: .symtab and .dynsym merged,
 * plus {@code name@plt} for PLT entries. Addresses are link-time (add the load bias at run time).
 */
public final class SymbolTable {
    private final ElfSymbol[] byAddress;
    private final Map<String, ElfSymbol> byName;
    /** Section index to the end address of that section: a sizeless symbol never extends past it. */
    private final Map<Integer, Long> sectionEnds;

    /** STT_TLS symbols by name: offsets into the module's TLS block, not addresses. */
    private final Map<String, ElfSymbol> threadLocals;

    private SymbolTable(List<ElfSymbol> symbols, Map<Integer, Long> sectionEnds, Map<String, ElfSymbol> threadLocals) {
        this.sectionEnds = sectionEnds;
        this.threadLocals = threadLocals;
        this.byAddress = symbols.toArray(ElfSymbol[]::new);
        Arrays.sort(byAddress, Comparator.comparingLong(ElfSymbol::value).thenComparing(SymbolTable::preference));
        this.byName = new HashMap<>();
        for (ElfSymbol s : byAddress) byName.merge(s.name(), s, (a, b) -> preference(a) <= preference(b) ? a : b);
    }

    /**
     * Among aliases at one address, the name a user knows: no leading underscore ({@code printf},
     * not {@code _IO_printf}), then global before weak before local, functions first, then shortest.
     */
    private static int preference(ElfSymbol s) {
        int underscore = s.name().startsWith("_") ? 1 : 0;
        int bind = s.binding() == ElfSymbol.STB_GLOBAL ? 0 : s.binding() == ElfSymbol.STB_WEAK ? 1 : 2;
        return ((underscore * 3 + bind) * 2 + (s.isFunction() ? 0 : 1)) * 256 + Math.min(255, s.name().length());
    }

    static SymbolTable read(ElfFile elf) {
        Map<String, ElfSymbol> seen = new HashMap<>();
        Map<String, ElfSymbol> threadLocals = new HashMap<>();
        List<ElfSymbol> all = new ArrayList<>();
        List<ElfFile> sources = new ArrayList<>(List.of(elf));
        // A stripped library's full symbol table lives in its separate debug file, if installed.
        if (elf.section(".symtab").isEmpty()) elf.separateDebugFile().ifPresent(sources::add);
        for (ElfFile f : sources) {
            for (ElfSection s : f.sections()) {
                if (s.type() != ElfSection.SHT_SYMTAB && s.type() != ElfSection.SHT_DYNSYM) continue;
                for (ElfSymbol sym : readSymbols(f, s)) {
                    if (sym.type() == ElfSymbol.STT_TLS && sym.sectionIndex() != 0 && !sym.name().isEmpty()) {
                        threadLocals.putIfAbsent(sym.name(), sym);
                    }
                    if (!sym.isAddressable() || sym.value() == 0) continue;
                    String key = sym.name() + "@" + sym.value();
                    if (seen.putIfAbsent(key, sym) == null) all.add(sym);
                }
            }
        }
        all.addAll(PltSymbols.read(elf, seen.values()));
        Map<Integer, Long> ends = new HashMap<>();
        for (ElfSection s : elf.sections()) {
            if ((s.flags() & ElfSection.SHF_ALLOC) != 0) ends.put(s.index(), s.address() + s.size());
        }
        return new SymbolTable(all, ends, Map.copyOf(threadLocals));
    }

    static List<ElfSymbol> readSymbols(ElfFile elf, ElfSection table) {
        if (table.link() <= 0 || table.link() >= elf.sections().size()) return List.of();
        ElfSection strings = elf.sections().get(table.link());
        Optional<ByteBuffer> symData = elf.contents(table), strData = elf.contents(strings);
        if (symData.isEmpty() || strData.isEmpty()) return List.of();
        CheckedBuffer syms = new CheckedBuffer(symData.get(), elf.path() + " " + table.name());
        CheckedBuffer strs = new CheckedBuffer(strData.get(), elf.path() + " " + strings.name());
        int count = syms.size() / 24;
        List<ElfSymbol> out = new ArrayList<>(count);
        for (int i = 1; i < count; i++) {
            long p = i * 24L;
            long nameOff = syms.u32(p);
            String name = nameOff < strs.size() ? strs.cString(nameOff) : "";
            int info = syms.u8(p + 4);
            out.add(new ElfSymbol(name, syms.u64(p + 8), syms.u64(p + 16), info & 0xf, info >> 4, syms.u16(p + 6)));
        }
        return out;
    }

    /** A defined thread-local ({@code STT_TLS}) symbol: its value is the offset in the module's TLS block. */
    public Optional<ElfSymbol> threadLocal(String name) {
        return Optional.ofNullable(threadLocals.get(name));
    }

    /** The symbol an address belongs to and the offset into it. */
    public Optional<SymbolicAddress> lookup(long address) {
        int lo = 0, hi = byAddress.length - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (byAddress[mid].value() <= address) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        // Walk back over symbols at lower addresses for one whose extent contains the address; a
        // sizeless symbol (assembly labels, _init) covers up to the next symbol but not past its own
        // section (the PLT after .init is not _init+32). The padding after a sized function is no
        // one's: listings end where the function ends.
        for (int i = found; i >= 0 && i > found - 64; i--) {
            ElfSymbol s = byAddress[i];
            if (s.size() > 0 ? address < s.value() + s.size() : i == found && address < sectionEnd(s)) {
                int best = i;
                while (best > 0 && byAddress[best - 1].value() == s.value()) best--;
                ElfSymbol chosen = preferredAt(best, s.value());
                return Optional.of(new SymbolicAddress(chosen.name(), address - chosen.value()));
            }
        }
        return Optional.empty();
    }

    private long sectionEnd(ElfSymbol s) {
        return sectionEnds.getOrDefault(s.sectionIndex(), Long.MAX_VALUE);
    }

    private ElfSymbol preferredAt(int first, long value) {
        ElfSymbol best = byAddress[first];
        for (int i = first; i < byAddress.length && byAddress[i].value() == value; i++) {
            if (preference(byAddress[i]) < preference(best)) best = byAddress[i];
        }
        return best;
    }

    public OptionalLong addressOf(String name) {
        ElfSymbol s = byName.get(name);
        return s == null ? OptionalLong.empty() : OptionalLong.of(s.value());
    }

    public Optional<ElfSymbol> symbol(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<ElfSymbol> all() {
        return List.of(byAddress);
    }
}
