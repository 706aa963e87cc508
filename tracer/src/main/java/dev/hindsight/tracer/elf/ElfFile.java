package dev.hindsight.tracer.elf;

import dev.hindsight.tracer.arch.Architecture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/** A read-only ELF64 file of the host's architecture: headers, sections, symbols. Immutable and thread-safe once opened. */
public final class ElfFile {
    public static final int ET_EXEC = 2, ET_DYN = 3, ET_CORE = 4;
    private static final int MAX_SECTIONS = 1 << 16, MAX_SEGMENTS = 1 << 12;

    private final Path path;
    private final CheckedBuffer data;
    private final int type;
    private final long entry;
    private final List<ElfSegment> segments;
    private final List<ElfSection> sections;
    private final Map<String, Optional<ByteBuffer>> sectionCache = new ConcurrentHashMap<>();
    private volatile SymbolTable symbols;
    private volatile Optional<ElfFile> debugFile;

    private ElfFile(Path path, ByteBuffer bytes) {
        this.path = path;
        this.data = new CheckedBuffer(bytes, path.toString());
        if (data.size() < 64 || data.u8(0) != 0x7f || data.u8(1) != 'E' || data.u8(2) != 'L' || data.u8(3) != 'F') {
            throw new ElfFormatException(path + ": not an ELF file");
        }
        if (data.u8(4) != 2) throw new ElfFormatException(path + ": not a 64-bit ELF file");
        if (data.u8(5) != 1) throw new ElfFormatException(path + ": not little-endian");
        checkMachine(path, data.u16(18));
        this.type = data.u16(16);
        this.entry = data.u64(24);
        this.segments = readSegments();
        this.sections = readSections();
    }

    /** Only the host's machine can be debugged here; a foreign one is named, so the message says what the file is. */
    private static void checkMachine(Path path, int machine) {
        Architecture host = Architecture.host();
        if (machine == host.elfMachine()) return;
        Architecture other = Architecture.forElfMachine(machine);
        String what = other == null ? "machine " + machine : "an " + other.name() + " program, machine " + machine;
        throw new ElfFormatException(path + ": not an " + host.name() + " ELF file (" + what + "): this machine runs "
                + host.name() + " programs only");
    }

    /** Opens and validates a file. */
    public static ElfFile open(Path path) {
        return open(path, path);
    }

    /**
     * Opens the file at {@code readFrom} under the name {@code path}: a deleted or replaced file
     * still mapped by a process is read through {@code /proc/PID/map_files/…} but named (and its
     * separate debug file looked for) as the path it was loaded from.
     */
    static ElfFile open(Path path, Path readFrom) {
        try (FileChannel ch = FileChannel.open(readFrom, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) throw new ElfFormatException(path + ": larger than 2 GiB");
            return new ElfFile(path, ch.map(FileChannel.MapMode.READ_ONLY, 0, size));
        } catch (IOException e) {
            throw new ElfFormatException(path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file as the programs' module maps share it (the same object for the same path, inode,
     * time and size): empty when it is gone or not readable ELF.
     */
    public static java.util.Optional<ElfFile> cached(Path path) {
        return ElfCache.get(path);
    }

    /** Parses bytes already in memory (e.g. a vDSO image read from a process). */
    public static ElfFile of(Path name, byte[] bytes) {
        return new ElfFile(name, ByteBuffer.wrap(bytes));
    }

    private List<ElfSegment> readSegments() {
        long off = data.u64(32);
        int size = data.u16(54), count = data.u16(56);
        if (count == 0) return List.of();
        if (size < 56 || count > MAX_SEGMENTS) throw new ElfFormatException(path + ": bad program header table");
        List<ElfSegment> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long p = off + (long) i * size;
            out.add(new ElfSegment(data.i32(p), data.i32(p + 4), data.u64(p + 8), data.u64(p + 16), data.u64(p + 32), data.u64(p + 40),
                    data.u64(p + 48)));
        }
        return Collections.unmodifiableList(out);
    }

    private List<ElfSection> readSections() {
        long off = data.u64(40);
        int size = data.u16(58), count = data.u16(60), namesIndex = data.u16(62);
        if (off == 0 || count == 0) return List.of();
        if (size < 64 || count > MAX_SECTIONS) throw new ElfFormatException(path + ": bad section header table");
        long[][] raw = new long[count][];
        for (int i = 0; i < count; i++) {
            long s = off + (long) i * size;
            raw[i] = new long[] {data.u32(s), data.u32(s + 4), data.u64(s + 8), data.u64(s + 16), data.u64(s + 24),
                    data.u64(s + 32), data.u32(s + 40), data.u32(s + 44), data.u64(s + 56)};
        }
        CheckedBuffer names = null;
        if (namesIndex < count && raw[namesIndex][1] != ElfSection.SHT_NOBITS) {
            names = new CheckedBuffer(data.slice(raw[namesIndex][4], raw[namesIndex][5]), path + " section names");
        }
        List<ElfSection> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long[] r = raw[i];
            String name = names == null || r[0] >= names.size() ? "" : names.cString(r[0]);
            out.add(new ElfSection(i, name, (int) r[1], r[2], r[3], r[4], r[5], (int) r[6], (int) r[7], r[8]));
        }
        return Collections.unmodifiableList(out);
    }

    public Path path() {
        return path;
    }

    public int type() {
        return type;
    }

    /** Position independent: loaded at a bias chosen at run time. */
    public boolean isDynamicType() {
        return type == ET_DYN;
    }

    public long entry() {
        return entry;
    }

    public List<ElfSegment> segments() {
        return segments;
    }

    public List<ElfSection> sections() {
        return sections;
    }

    public Optional<ElfSection> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The lowest PT_LOAD virtual address rounded down to its page: what a load bias is added to. */
    public long firstLoadAddress() {
        return segments.stream().filter(s -> s.type() == ElfSegment.PT_LOAD).mapToLong(s -> s.vaddr() & ~0xfffL)
                .min().orElse(0);
    }

    /**
     * The link-time address of file offset {@code fileOffset}, from the PT_LOAD that maps it; how
     * a mapping in /proc/PID/maps (start, file offset) yields the load bias.
     */
    public OptionalLong vaddrOfFileOffset(long fileOffset) {
        for (ElfSegment s : segments) {
            if (s.type() != ElfSegment.PT_LOAD) continue;
            long pageOffset = s.offset() & ~0xfffL;
            if (fileOffset >= pageOffset && fileOffset < s.offset() + Math.max(s.fileSize(), 1)) {
                return OptionalLong.of(s.vaddr() - s.offset() + fileOffset);
            }
        }
        return OptionalLong.empty();
    }

    /**
     * A segment's bytes in the file (its {@code fileSize} from its {@code offset}); a segment that
     * reaches past the end of the file (a truncated core dump) is an {@link ElfFormatException}.
     */
    public ByteBuffer segmentData(ElfSegment s) {
        return data.slice(s.offset(), s.fileSize());
    }

    /** The file's size in bytes. */
    public long size() {
        return data.size();
    }

    /** The PT_TLS segment: the template of each thread's block of this object's thread-local variables. */
    public java.util.Optional<ElfSegment> tlsSegment() {
        return segments.stream().filter(s -> s.type() == ElfSegment.PT_TLS).findFirst();
    }

    /** The PT_INTERP path (the dynamic loader), if any. */
    public Optional<String> interpreter() {
        return segments.stream().filter(s -> s.type() == ElfSegment.PT_INTERP).findFirst()
                .map(s -> new CheckedBuffer(data.slice(s.offset(), s.fileSize()), path + " interp").cString(0));
    }

    /** A section's contents, inflated if compressed; empty when absent or NOBITS. */
    public Optional<ByteBuffer> sectionData(String name) {
        return sectionCache.computeIfAbsent(name, n -> section(n).flatMap(this::contents)).map(ByteBuffer::duplicate)
                .map(b -> b.order(java.nio.ByteOrder.LITTLE_ENDIAN));
    }

    Optional<ByteBuffer> contents(ElfSection s) {
        if (s.type() == ElfSection.SHT_NOBITS) return Optional.empty();
        ByteBuffer raw = data.slice(s.offset(), s.size());
        return Optional.of(s.isCompressed() ? Inflate.section(raw, path + " " + s.name()) : raw);
    }

    /** The GNU build id (hex), from the .note.gnu.build-id note, when present. */
    public Optional<String> buildId() {
        for (ElfSection sec : sections) {
            if (sec.type() != 7 /* SHT_NOTE */) continue;
            CheckedBuffer notes = new CheckedBuffer(data.slice(sec.offset(), sec.size()), path + " " + sec.name());
            long p = 0;
            while (p + 12 <= notes.size()) {
                long nameSize = notes.u32(p), descSize = notes.u32(p + 4), type = notes.u32(p + 8);
                long name = p + 12, desc = name + ((nameSize + 3) & ~3L);
                if (desc + descSize > notes.size()) break;
                if (type == 3 && nameSize == 4 && notes.cString(name).equals("GNU")) {
                    StringBuilder hex = new StringBuilder();
                    for (long i = 0; i < descSize; i++) hex.append(String.format("%02x", notes.u8(desc + i)));
                    return Optional.of(hex.toString());
                }
                p = desc + ((descSize + 3) & ~3L);
            }
        }
        return Optional.empty();
    }

    /**
     * The separate debug file of this object (Debian's {@code -dbg} packages, {@code objcopy
     * --only-keep-debug}), found by build id or {@code .gnu_debuglink} as gdb finds it. Empty when
     * this file carries its own debug information or none is installed.
     */
    public Optional<ElfFile> separateDebugFile() {
        Optional<ElfFile> d = debugFile;
        if (d == null) {
            d = section(".debug_info").isEmpty() ? SeparateDebugFile.find(this) : Optional.empty();
            debugFile = d;
        }
        return d;
    }

    /** All symbols (functions, objects, PLT entries) for address lookups. */
    public SymbolTable symbols() {
        SymbolTable t = symbols;
        if (t == null) symbols = t = SymbolTable.read(this);
        return t;
    }

    public OptionalLong addressOf(String name) {
        return symbols().addressOf(name);
    }

    CheckedBuffer data() {
        return data;
    }

    @Override
    public String toString() {
        return "ElfFile[" + path + "]";
    }
}
