package dev.hindsight.tracer.core;

import dev.hindsight.tracer.backend.AuxvType;
import dev.hindsight.tracer.elf.ElfSegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A core dump's memory map written as {@code /proc/PID/maps} text, from which the engine finds modules. */
final class CoreMaps {
    private static final int PF_X = 1, PF_W = 2, PF_R = 4;

    private CoreMaps() {}

    private record Line(long start, long end, String text) {}

    static String text(CoreFile core, Path executable) {
        String exeName = core.executableMapping().map(CoreNotes.MappedFile::path).orElse(null);
        List<Line> lines = new ArrayList<>();
        for (CoreNotes.MappedFile f : core.notes.files) {
            String path = f.path().equals(exeName) && executable != null ? executable.toString() : f.path();
            lines.add(new Line(f.start(), f.end(), line(f.start(), f.end(), perms(core, f.start()), f.offset(), path)));
        }
        long vdso = core.notes.auxv.getOrDefault(AuxvType.AT_SYSINFO_EHDR, 0L);
        for (ElfSegment s : core.segments()) {
            long end = s.vaddr() + s.memSize();
            boolean fileBacked = core.notes.files.stream().anyMatch(f -> f.contains(s.vaddr()));
            if (fileBacked) continue;
            String name = vdso != 0 && vdso >= s.vaddr() && vdso < end ? "[vdso]" : "";
            lines.add(new Line(s.vaddr(), end, line(s.vaddr(), end, flags(s.flags()), 0, name)));
        }
        lines.sort(Comparator.comparingLong(Line::start));
        StringBuilder out = new StringBuilder();
        for (Line l : lines) out.append(l.text()).append('\n');
        return out.toString();
    }

    /** The permissions of the segment at {@code start}, or read-only when it was not dumped (gcore leaves some out). */
    private static String perms(CoreFile core, long start) {
        for (ElfSegment s : core.segments()) if (s.vaddr() == start) return flags(s.flags());
        return "r--p";
    }

    private static String flags(int f) {
        return ((f & PF_R) != 0 ? "r" : "-") + ((f & PF_W) != 0 ? "w" : "-") + ((f & PF_X) != 0 ? "x" : "-") + "p";
    }

    private static String line(long start, long end, String perms, long offset, String path) {
        return String.format("%x-%x %s %08x 00:00 0%s", start, end, perms, offset, path.isEmpty() ? "" : "                 " + path);
    }
}
