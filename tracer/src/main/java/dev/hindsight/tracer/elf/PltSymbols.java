package dev.hindsight.tracer.elf;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Synthesises {@code name@plt} symbols the way gdb and objdump show them: each PLT entry
 * ({@code .plt}, {@code .plt.sec}, {@code .plt.got}) jumps through a GOT slot ({@code ff 25 disp32},
 * possibly after {@code endbr64} or a {@code bnd} prefix), and the relocation of that slot names
 * the function.
 */
final class PltSymbols {
    private static final int R_X86_64_GLOB_DAT = 6, R_X86_64_JUMP_SLOT = 7, R_X86_64_IRELATIVE = 37;

    private PltSymbols() {}

    static List<ElfSymbol> read(ElfFile elf, Collection<ElfSymbol> known) {
        Map<Long, String> slotNames = gotSlotNames(elf);
        if (slotNames.isEmpty()) return List.of();
        List<ElfSymbol> out = new ArrayList<>();
        for (String name : List.of(".plt", ".plt.sec", ".plt.got")) {
            Optional<ElfSection> sec = elf.section(name);
            if (sec.isEmpty() || sec.get().type() == ElfSection.SHT_NOBITS) continue;
            ElfSection s = sec.get();
            CheckedBuffer code = new CheckedBuffer(elf.contents(s).orElseThrow(), elf.path() + " " + name);
            int entry = name.equals(".plt.got") && s.entrySize() != 16 ? 8 : 16;
            if (s.entrySize() == 8 || s.entrySize() == 16) entry = (int) s.entrySize();
            long firstNamed = -1;
            for (long at = 0; at + entry <= code.size(); at += entry) {
                long slot = jumpSlot(code, at, entry, s.address() + at);
                String target = slotNames.get(slot);
                if (slot != 0 && target != null) {
                    out.add(new ElfSymbol(target + "@plt", s.address() + at, entry, ElfSymbol.STT_FUNC, ElfSymbol.STB_GLOBAL, s.index()));
                    if (firstNamed < 0) firstNamed = at;
                }
            }
            // The shared stub (and, with .plt.sec, the lazy-binding entries) has no symbol: objdump
            // labels it <.plt> (or <puts@plt-0x10>); without this it would be named after _init.
            long unnamed = firstNamed < 0 ? code.size() : firstNamed;
            if (name.equals(".plt") && unnamed > 0) {
                out.add(new ElfSymbol(".plt", s.address(), unnamed, ElfSymbol.STT_FUNC, ElfSymbol.STB_LOCAL, s.index()));
            }
        }
        return out;
    }

    /** The GOT slot an entry jumps through, or 0 when it has no {@code jmp *disp32(%rip)}. */
    private static long jumpSlot(CheckedBuffer code, long at, int entry, long entryAddress) {
        for (long i = at; i + 6 <= at + entry; i++) {
            if (code.u8(i) == 0xff && code.u8(i + 1) == 0x25) {
                return entryAddress + (i - at) + 6 + code.i32(i + 2);
            }
        }
        return 0;
    }

    private static Map<Long, String> gotSlotNames(ElfFile elf) {
        Map<Long, String> names = new HashMap<>();
        Optional<ElfSection> dynsym = elf.section(".dynsym");
        List<ElfSymbol> dynamic = dynsym.map(d -> SymbolTable.readSymbols(elf, d)).orElse(List.of());
        for (ElfSection s : elf.sections()) {
            if (s.type() != ElfSection.SHT_RELA || !(s.name().equals(".rela.plt") || s.name().equals(".rela.dyn"))) continue;
            ByteBuffer raw = elf.contents(s).orElse(null);
            if (raw == null) continue;
            CheckedBuffer rela = new CheckedBuffer(raw, elf.path() + " " + s.name());
            for (long p = 0; p + 24 <= rela.size(); p += 24) {
                long offset = rela.u64(p), info = rela.u64(p + 8), addend = rela.u64(p + 16);
                int type = (int) info, sym = (int) (info >>> 32);
                if (type == R_X86_64_JUMP_SLOT || type == R_X86_64_GLOB_DAT) {
                    if (sym >= 1 && sym <= dynamic.size() && !dynamic.get(sym - 1).name().isEmpty()) {
                        names.putIfAbsent(offset, dynamic.get(sym - 1).name());
                    }
                } else if (type == R_X86_64_IRELATIVE) {
                    names.putIfAbsent(offset, "*ABS*+0x" + Long.toHexString(addend));
                }
            }
        }
        return names;
    }
}
