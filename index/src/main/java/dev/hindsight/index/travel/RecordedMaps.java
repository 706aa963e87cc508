package dev.hindsight.index.travel;

import dev.hindsight.index.IndexReader;
import dev.hindsight.index.Syscall;
import dev.hindsight.tracer.record.TraceDirectory;
import dev.hindsight.tracer.record.TraceEvent;
import dev.hindsight.tracer.replay.RecordedTrace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The program's memory map at any time, in {@code /proc/PID/maps} form, as the engine reads it to
 * find modules: the map recorded at the first instruction plus every file mapped before that time,
 * with each file named by its copy in the trace's {@code files/} folder (so its ELF and DWARF are
 * read from the recording, on any machine).
 */
final class RecordedMaps {
    /** A file mapping made by the system call at {@code time}. */
    private record FileMapping(long time, String line) {}

    private final String initial;
    private final List<FileMapping> mappings = new ArrayList<>();

    RecordedMaps(RecordedTrace trace, IndexReader index) {
        Path files = trace.directory().resolve(TraceDirectory.FILES);
        Map<String, Path> copies = trace.fileCopies();
        StringBuilder text = new StringBuilder();
        for (String line : trace.initial().maps().split("\n")) {
            String[] f = line.trim().split("\\s+", 6);
            if (f.length == 6 && copies.containsKey(f[5].strip())) {
                line = String.join(" ", f[0], f[1], f[2], f[3], f[4], copies.get(f[5].strip()).toString());
            }
            text.append(line).append('\n');
        }
        initial = text.toString();
        // The index lists the completed system calls in the order of the trace's system call events.
        List<Syscall> calls = index.syscalls();
        int i = 0;
        for (TraceEvent e : trace.events()) {
            if (!(e instanceof TraceEvent.Syscall s)) continue;
            long time = i < calls.size() && calls.get(i).number() == s.number() ? calls.get(i).time() : -1;
            i++;
            if (s.mappedFile() == null || time < 0 || s.result() < 0 && s.result() > -4096) continue;
            long prot = s.arg(2);
            String perms = ((prot & 1) != 0 ? "r" : "-") + ((prot & 2) != 0 ? "w" : "-") + ((prot & 4) != 0 ? "x" : "-")
                    + ((s.arg(3) & 1) != 0 ? "s" : "p");
            long end = s.result() + ((s.arg(1) + 4095) & ~4095L);
            mappings.add(new FileMapping(time, String.format("%x-%x %s %08x 00:00 0 %s", s.result(), end, perms, s.arg(5),
                    files.resolve(s.mappedFile()))));
        }
    }

    /** The map before the instruction at {@code time}. */
    String at(long time) {
        StringBuilder text = new StringBuilder(initial);
        for (FileMapping m : mappings) {
            if (m.time() < time) text.append(m.line()).append('\n');
        }
        return text.toString();
    }
}
