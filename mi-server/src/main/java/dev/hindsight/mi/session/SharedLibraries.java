package dev.hindsight.mi.session;

import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.elf.ElfSection;
import dev.hindsight.tracer.elf.LoadedModule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The shared objects a stopped program has loaded, as gdb's solib-svr4 sees them: the dynamic
 * linker's list (its {@code _r_debug} link map, read from the program, in its order and under the
 * names ld.so gave them), each with the range of its {@code .text} and whether its debugging
 * information was found. Before ld.so has filled its list (the program just started), the
 * program's interpreter alone, under the name its {@code PT_INTERP} gives, as gdb reports it then.
 */
public final class SharedLibraries {
    private static final int MAX_OBJECTS = 4096;

    /** One loaded object: its name and {@code .text}'s range [from, to). */
    public record Library(String name, long from, long to, boolean debugInfo) {}

    private SharedLibraries() {}

    public static List<Library> loaded(Target t) {
        List<Library> out = new ArrayList<>();
        if (t == null || t.state() != Target.State.STOPPED) return out;
        List<LoadedModule> modules = t.symbols().modulesNow().modules();
        for (Linked l : linkMap(t)) {
            modules.stream().filter(m -> !m.mainExecutable() && m.bias() == l.bias()).findFirst()
                    .flatMap(m -> library(l.name(), m)).ifPresent(out::add);
        }
        if (out.isEmpty()) interpreter(modules).ifPresent(out::add);
        return out;
    }

    private static Optional<Library> library(String name, LoadedModule m) {
        Optional<ElfSection> text = m.elf().section(".text");
        if (text.isEmpty()) return Optional.empty();
        boolean debug = m.elf().section(".debug_info").isPresent() || m.elf().separateDebugFile().isPresent();
        long from = text.get().address() + m.bias();
        return Optional.of(new Library(name, from, from + text.get().size(), debug));
    }

    /** The main executable's {@code PT_INTERP}, found among the mapped objects by the file it names. */
    private static Optional<Library> interpreter(List<LoadedModule> modules) {
        Optional<String> interp = modules.stream().filter(LoadedModule::mainExecutable).findFirst().flatMap(m -> m.elf().interpreter());
        if (interp.isEmpty()) return Optional.empty();
        for (LoadedModule m : modules) {
            if (!m.mainExecutable() && sameFile(m.path(), interp.get())) return library(interp.get(), m);
        }
        return Optional.empty();
    }

    private static boolean sameFile(String a, String b) {
        try {
            return Files.isSameFile(Path.of(a), Path.of(b));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private record Linked(long bias, String name) {}

    /** {@code struct r_debug} (r_map at 8) and {@code struct link_map} (l_addr 0, l_name 8, l_next 24); the program itself and the vDSO have no file name. */
    private static List<Linked> linkMap(Target t) {
        List<Linked> out = new ArrayList<>();
        OptionalLong rDebug = t.symbols().addressOf("_r_debug");
        if (rDebug.isEmpty()) return out;
        long map = word(t, rDebug.getAsLong() + 8);
        for (int i = 0; map != 0 && i < MAX_OBJECTS; i++) {
            String name = string(t, word(t, map + 8));
            if (!name.isEmpty() && name.startsWith("/")) out.add(new Linked(word(t, map), name));
            map = word(t, map + 24);
        }
        return out;
    }

    private static long word(Target t, long address) {
        byte[] b = t.memory().read(address, 8);
        return b.length < 8 ? 0 : ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static String string(Target t, long address) {
        if (address == 0) return "";
        byte[] b = t.memory().read(address, 4096);
        int n = 0;
        while (n < b.length && b[n] != 0) n++;
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }
}
