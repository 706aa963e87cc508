package dev.hindsight.tracer.source;

import dev.hindsight.tracer.dwarf.DwarfFormatException;
import dev.hindsight.tracer.dwarf.DwarfSections;
import dev.hindsight.tracer.dwarf.info.AddressIndex;
import dev.hindsight.tracer.dwarf.info.AddressRange;
import dev.hindsight.tracer.dwarf.info.CompilationUnit;
import dev.hindsight.tracer.dwarf.info.DebugInfo;
import dev.hindsight.tracer.dwarf.info.Die;
import dev.hindsight.tracer.dwarf.info.DieNames;
import dev.hindsight.tracer.dwarf.info.DieRanges;
import dev.hindsight.tracer.dwarf.info.DwTag;
import dev.hindsight.tracer.dwarf.info.PcScope;
import dev.hindsight.tracer.dwarf.line.LineMatch;
import dev.hindsight.tracer.dwarf.line.LineRow;
import dev.hindsight.tracer.dwarf.line.LineTable;
import dev.hindsight.tracer.dwarf.line.SourcePosition;
import dev.hindsight.tracer.elf.ElfFile;
import dev.hindsight.tracer.elf.ElfFormatException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The debug information of one ELF file, in link-time addresses. Parsed lazily and once per
 * file (shared by sessions); a unit that fails to parse is skipped and recorded in
 * {@link #problems()}, so a damaged unit costs only its own source view.
 */
public final class ModuleSource {
    private static final Map<ElfFile, ModuleSource> CACHE = new WeakHashMap<>();
    private static final List<String> SECTIONS = List.of(DwarfSections.INFO, DwarfSections.ABBREV, DwarfSections.LINE,
            DwarfSections.STR, DwarfSections.LINE_STR, DwarfSections.STR_OFFSETS, DwarfSections.ADDR, DwarfSections.RANGES,
            DwarfSections.RNGLISTS, DwarfSections.LOC, DwarfSections.LOCLISTS, DwarfSections.FRAME, DwarfSections.EH_FRAME,
            DwarfSections.EH_FRAME_HDR, DwarfSections.ARANGES);

    private final ElfFile elf;
    private final DwarfSections sections;
    private volatile dev.hindsight.tracer.dwarf.cfi.Unwinder unwinder;
    private final DebugInfo info;
    private final AddressIndex index;
    private final Map<CompilationUnit, Optional<LineTable>> lines = new ConcurrentHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private volatile Map<String, Die> functionsByName;

    private ModuleSource(ElfFile elf) {
        this.elf = elf;
        DebugInfo di = null;
        AddressIndex ai = null;
        DwarfSections found = new DwarfSections(Map.of(), 0);
        try {
            found = sections(elf);
            DwarfSections sections = found;
            if (sections.has(DwarfSections.INFO)) {
                di = new DebugInfo(sections);
                ai = new AddressIndex(di);
                di.problems().forEach(p -> problems.add(p.getMessage()));
                ai.problems().forEach(p -> problems.add(p.getMessage()));
            }
        } catch (DwarfFormatException | ElfFormatException e) {
            problems.add(e.getMessage());
            di = null;
            ai = null;
        }
        this.info = di;
        this.index = ai;
        this.sections = found;
    }

    /** Call-frame information of this file (.eh_frame, then .debug_frame), for unwinding. */
    public dev.hindsight.tracer.dwarf.cfi.Unwinder unwinder() {
        dev.hindsight.tracer.dwarf.cfi.Unwinder u = unwinder;
        if (u == null) {
            List<dev.hindsight.tracer.dwarf.cfi.CallFrameInfo> cfi = new ArrayList<>();
            for (java.util.function.Function<DwarfSections, dev.hindsight.tracer.dwarf.cfi.CallFrameInfo> read : List.<java.util.function.Function<DwarfSections, dev.hindsight.tracer.dwarf.cfi.CallFrameInfo>>of(
                    dev.hindsight.tracer.dwarf.cfi.CallFrameInfo::ehFrame, dev.hindsight.tracer.dwarf.cfi.CallFrameInfo::debugFrame)) {
                try {
                    cfi.add(read.apply(sections));
                } catch (DwarfFormatException e) {
                    problems.add(e.getMessage());
                }
            }
            unwinder = u = new dev.hindsight.tracer.dwarf.cfi.Unwinder(cfi);
        }
        return u;
    }

    /** The source view of a file, shared while the file is in use. */
    public static ModuleSource of(ElfFile elf) {
        synchronized (CACHE) {
            return CACHE.computeIfAbsent(elf, ModuleSource::new);
        }
    }

    /**
     * The DWARF sections of a file: its own, or those of its separate debug file (whose
     * .eh_frame is empty, so call-frame information still comes from the file itself).
     */
    public static DwarfSections sections(ElfFile elf) {
        Map<String, ByteBuffer> map = new HashMap<>();
        ElfFile debug = elf.separateDebugFile().orElse(elf);
        for (String name : SECTIONS) {
            ElfFile from = name.equals(DwarfSections.EH_FRAME) || name.equals(DwarfSections.EH_FRAME_HDR) ? elf : debug;
            from.sectionData(name).ifPresent(b -> map.put(name, b));
        }
        long ehFrame = elf.section(DwarfSections.EH_FRAME).map(s -> s.address()).orElse(0L);
        return new DwarfSections(map, ehFrame);
    }

    public boolean hasDebugInfo() {
        return index != null;
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public Optional<DebugInfo> debugInfo() {
        return Optional.ofNullable(info);
    }

    /** The unit and scope chain (function, inlined calls, blocks) at a link-time pc. */
    public Optional<PcScope> scopeAt(long pc) {
        if (index == null) return Optional.empty();
        try {
            return index.scopeAt(pc);
        } catch (DwarfFormatException e) {
            return Optional.empty();
        }
    }

    /** File, line and column at a link-time pc. */
    public Optional<SourcePosition> positionAt(long pc) {
        if (index == null) return Optional.empty();
        try {
            return index.unitFor(pc).flatMap(this::lineTable).flatMap(t -> t.lookup(pc));
        } catch (DwarfFormatException e) {
            return Optional.empty();
        }
    }

    public Optional<LineTable> lineTable(CompilationUnit unit) {
        return lines.computeIfAbsent(unit, u -> {
            try {
                return LineTable.of(u);
            } catch (DwarfFormatException e) {
                problems.add(e.getMessage());
                return Optional.empty();
            }
        });
    }

    /**
     * The files a unit's line table names, indexed as {@link LineTable#files()}: from the table
     * when it was read already, else from its header alone (listing every source file of a
     * library should not run all its line programs); empty when the unit has none or is malformed.
     */
    public List<dev.hindsight.tracer.dwarf.line.FileEntry> lineFiles(CompilationUnit unit) {
        Optional<LineTable> read = lines.get(unit);
        if (read != null) return read.map(LineTable::files).orElse(List.of());
        try {
            return LineTable.files(unit).orElse(List.of());
        } catch (DwarfFormatException e) {
            problems.add(e.getMessage());
            return List.of();
        }
    }

    /**
     * Link-time addresses for {@code file:line} over every unit; when the line has no code, the
     * next line that has code (the same choice in every unit).
     */
    public Optional<LineMatch> addressesFor(String file, int line) {
        if (info == null) return Optional.empty();
        List<LineMatch> matches = new ArrayList<>();
        for (CompilationUnit u : info.units()) {
            try {
                lineTable(u).flatMap(t -> t.addressesFor(file, line)).ifPresent(matches::add);
            } catch (DwarfFormatException e) {
                problems.add(e.getMessage());
            }
        }
        long best = matches.stream().mapToLong(LineMatch::line).min().orElse(-1);
        if (best < 0) return Optional.empty();
        List<Long> addresses = matches.stream().filter(m -> m.line() == best).flatMap(m -> m.addresses().stream())
                .distinct().sorted().toList();
        return Optional.of(new LineMatch(file, line, best, addresses));
    }

    /** The concrete function DIE named {@code name} (plain or qualified, e.g. {@code geo::Rect::area}). */
    public Optional<Die> function(String name) {
        Map<String, Die> byName = functionsByName;
        if (byName == null) functionsByName = byName = indexFunctions();
        return Optional.ofNullable(byName.get(name));
    }

    private Map<String, Die> indexFunctions() {
        Map<String, Die> out = new HashMap<>();
        if (info == null) return out;
        for (CompilationUnit u : info.units()) {
            try {
                for (Die d : u.allDies()) {
                    if (d.tag() != DwTag.SUBPROGRAM || DieRanges.of(d).isEmpty()) continue;
                    String plain = DieNames.name(d), qualified = DieNames.qualifiedName(d), linkage = DieNames.linkageName(d);
                    for (String n : new String[] {qualified, plain, linkage}) if (n != null && !n.isEmpty()) out.putIfAbsent(n, d);
                }
            } catch (DwarfFormatException e) {
                problems.add(e.getMessage());
            }
        }
        return out;
    }

    /**
     * Where a breakpoint on a function goes: after its prologue, as gdb's {@code break NAME}.
     * clang marks it with prologue_end; otherwise the address where the second line row begins.
     */
    public OptionalLong afterPrologue(Die function) {
        List<AddressRange> ranges = DieRanges.of(function);
        if (ranges.isEmpty()) return OptionalLong.empty();
        long low = ranges.get(0).low(), high = ranges.get(0).high();
        Optional<LineTable> table = scopeAt(low).flatMap(s -> lineTable(s.unit()));
        if (table.isEmpty()) return OptionalLong.of(low);
        List<LineRow> rows = new ArrayList<>();
        for (List<LineRow> seq : table.get().sequences()) {
            for (LineRow r : seq) if (r.address() >= low && r.address() < high && !r.endSequence()) rows.add(r);
        }
        rows.sort((a, b) -> Long.compareUnsigned(a.address(), b.address()));
        for (LineRow r : rows) if (r.prologueEnd()) return OptionalLong.of(r.address());
        for (LineRow r : rows) if (r.address() > low && r.isStmt()) return OptionalLong.of(r.address());
        return OptionalLong.of(low);
    }

    public ElfFile elf() {
        return elf;
    }
}
