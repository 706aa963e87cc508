package dev.hindsight.mi.cli;

import dev.hindsight.mi.session.MiSession;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.elf.ElfSection;
import dev.hindsight.tracer.elf.LoadedModule;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code info sharedlibrary}: the shared objects in the dynamic linker's list (its {@code _r_debug}
 * link map, read from the program, in gdb's order and under the names ld.so gave them), each with
 * the range of its {@code .text} and whether its debugging information was found, in gdb's columns.
 */
final class InfoSharedLibrary {
    private static final int MAX_OBJECTS = 4096;

    private InfoSharedLibrary() {}

    static void show(MiSession s) {
        Target t = s.target();
        List<String> rows = new ArrayList<>();
        boolean missingDebug = false;
        if (t != null && t.state() == Target.State.STOPPED) {
            for (Loaded l : linkMap(t)) {
                Optional<LoadedModule> m = t.modules().modules().stream().filter(x -> !x.mainExecutable() && x.bias() == l.bias()).findFirst();
                if (m.isEmpty()) continue;
                Optional<ElfSection> text = m.get().elf().section(".text");
                if (text.isEmpty()) continue;
                boolean debug = m.get().elf().section(".debug_info").isPresent() || m.get().elf().separateDebugFile().isPresent();
                missingDebug |= !debug;
                long from = text.get().address() + l.bias(), to = from + text.get().size();
                rows.add(String.format("0x%016x  0x%016x  %-12s%s", from, to, debug ? "Yes" : "Yes (*)", l.name()));
            }
        }
        if (rows.isEmpty()) {
            s.out().console("No shared libraries loaded at this time.\n");
            return;
        }
        s.out().console("From                To                  Syms Read   Shared Object Library\n");
        for (String r : rows) s.out().console(r + "\n");
        if (missingDebug) s.out().console("(*): Shared library is missing debugging information.\n");
    }

    private record Loaded(long bias, String name) {}

    /** {@code struct r_debug} (r_map at 8) and {@code struct link_map} (l_addr 0, l_name 8, l_next 24); the program itself and the vDSO have no file name. */
    private static List<Loaded> linkMap(Target t) {
        List<Loaded> out = new ArrayList<>();
        OptionalLong rDebug = t.addressOf("_r_debug");
        if (rDebug.isEmpty()) return out;
        long map = word(t, rDebug.getAsLong() + 8);
        for (int i = 0; map != 0 && i < MAX_OBJECTS; i++) {
            String name = string(t, word(t, map + 8));
            if (!name.isEmpty() && name.startsWith("/")) out.add(new Loaded(word(t, map), name));
            map = word(t, map + 24);
        }
        return out;
    }

    private static long word(Target t, long address) {
        byte[] b = t.readMemory(address, 8);
        return b.length < 8 ? 0 : ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static String string(Target t, long address) {
        if (address == 0) return "";
        byte[] b = t.readMemory(address, 4096);
        int n = 0;
        while (n < b.length && b[n] != 0) n++;
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }
}
