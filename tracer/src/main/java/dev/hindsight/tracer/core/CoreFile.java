package dev.hindsight.tracer.core;

import dev.hindsight.tracer.backend.AuxvType;
import dev.hindsight.tracer.elf.ElfFile;
import dev.hindsight.tracer.elf.ElfFormatException;
import dev.hindsight.tracer.elf.ElfSegment;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An ELF core dump, read through the engine's ELF reader: its notes (threads, signal, auxiliary
 * vector, mapped files) and its PT_LOAD segments (the memory that was dumped). Checked whole when
 * opened, so that a damaged file is refused at once with a sentence, never failing later.
 */
final class CoreFile {
    private final Path path;
    private final ElfFile elf;
    private final List<ElfSegment> loads;
    private final List<ElfSegment> segments;
    final CoreNotes notes = new CoreNotes();

    private CoreFile(Path path, ElfFile elf) {
        this.path = path;
        this.elf = elf;
        List<ElfSegment> l = new ArrayList<>(), all = new ArrayList<>();
        long needed = 0;
        for (ElfSegment s : elf.segments()) {
            needed = Math.max(needed, s.offset() + s.fileSize());
            if (s.type() == ElfSegment.PT_LOAD && s.fileSize() > 0) l.add(s);
            if (s.type() == ElfSegment.PT_LOAD) all.add(s);
        }
        if (needed > elf.size()) {
            throw new CoreFileException(path + " is truncated: its segments need " + needed + " bytes, the file has "
                    + elf.size() + " (was the dump cut short, e.g. by a size limit?)");
        }
        l.sort(Comparator.comparingLong(ElfSegment::vaddr));
        this.loads = List.copyOf(l);
        all.sort(Comparator.comparingLong(ElfSegment::vaddr));
        this.segments = List.copyOf(all);
        for (ElfSegment s : elf.segments()) {
            if (s.type() == ElfSegment.PT_NOTE) notes.parse(elf.segmentData(s), path.toString());
        }
        if (notes.threads.isEmpty()) throw new CoreFileException(path + " is not a usable core dump: it holds no thread's registers");
    }

    /** Opens and checks a core dump; anything else is a {@link CoreFileException} saying what is wrong. */
    static CoreFile open(Path path) {
        if (!Files.isRegularFile(path)) throw new CoreFileException(path + ": No such file or directory.");
        try {
            // The ELF reader maps a file as one buffer
            if (Files.size(path) > Integer.MAX_VALUE) {
                throw new CoreFileException(path + " is larger than 2 GiB: Hindsight reads core dumps up to 2 GiB");
            }
        } catch (java.io.IOException e) {
            throw new CoreFileException(path + ": " + e.getMessage());
        }
        ElfFile elf;
        try {
            elf = ElfFile.open(path);
        } catch (ElfFormatException e) {
            if (saysCore(path)) throw new CoreFileException(path + " is truncated or damaged: " + e.getMessage());
            throw new CoreFileException("\"" + path + "\" is not a core dump: " + e.getMessage());
        }
        if (elf.type() != ElfFile.ET_CORE) {
            throw new CoreFileException("\"" + path + "\" is not a core dump: it is an ELF "
                    + (elf.type() == ElfFile.ET_EXEC || elf.type() == ElfFile.ET_DYN ? "executable or shared object" : "file of type " + elf.type()));
        }
        try {
            return new CoreFile(path, elf);
        } catch (ElfFormatException e) {
            throw new CoreFileException(path + " is damaged: " + e.getMessage());
        }
    }

    /** Whether the file starts as an ELF core dump does (the header the ELF reader could not get past). */
    private static boolean saysCore(Path path) {
        try (var in = Files.newInputStream(path)) {
            byte[] h = in.readNBytes(18);
            return h.length == 18 && h[0] == 0x7f && h[1] == 'E' && h[2] == 'L' && h[3] == 'F' && h[16] == ElfFile.ET_CORE && h[17] == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    Path path() {
        return path;
    }

    /** The PT_LOAD segments whose bytes were dumped, by address. */
    List<ElfSegment> loads() {
        return loads;
    }

    /** Every PT_LOAD segment (one per mapping of the process), dumped or not, by address. */
    List<ElfSegment> segments() {
        return segments;
    }

    /** The dumped segment holding the bytes at {@code address}, if they were dumped. */
    Optional<ElfSegment> dumpedAt(long address) {
        for (ElfSegment s : loads) {
            if (Long.compareUnsigned(address, s.vaddr()) >= 0 && Long.compareUnsigned(address - s.vaddr(), s.fileSize()) < 0) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Copies dumped bytes of {@code s} from {@code address} (which it holds); returns how many. */
    int copy(ElfSegment s, long address, byte[] buffer, int offset, int length) {
        ByteBuffer data = elf.segmentData(s);
        int from = (int) (address - s.vaddr());
        int n = Math.min(length, data.limit() - from);
        data.get(from, buffer, offset, n);
        return n;
    }

    /**
     * A dump without NT_FILE (kernels before 3.7) does not say where the executable was mapped:
     * {@code program}'s PT_LOAD segments are taken as mapped where its program headers were
     * (AT_PHDR against its PT_PHDR: the load bias), so its code and symbols are found all the same.
     */
    void assumeMapped(Path program) {
        Long phdr = notes.auxv.get(AuxvType.AT_PHDR);
        if (phdr == null || !notes.files.isEmpty()) return;
        ElfFile exe;
        try {
            exe = ElfFile.open(program);
        } catch (ElfFormatException e) {
            return; // not an ELF file: no symbols, as without a program
        }
        long bias = exe.segments().stream().filter(s -> s.type() == 6 /* PT_PHDR */).mapToLong(s -> phdr - s.vaddr()).findFirst()
                .orElse(0);
        for (ElfSegment s : exe.segments()) {
            if (s.type() != ElfSegment.PT_LOAD || s.fileSize() == 0) continue;
            long start = (s.vaddr() & ~0xfffL) + bias, end = ((s.vaddr() + s.fileSize() + 0xfff) & ~0xfffL) + bias;
            notes.files.add(new CoreNotes.MappedFile(start, end, s.offset() & ~0xfffL, program.toString()));
        }
    }

    /** The path of the executable as the process had it: the mapped file holding its program headers (AT_PHDR). */
    Optional<CoreNotes.MappedFile> executableMapping() {
        Long phdr = notes.auxv.get(AuxvType.AT_PHDR);
        if (phdr == null) return Optional.empty();
        return notes.files.stream().filter(f -> f.contains(phdr)).findFirst();
    }
}
