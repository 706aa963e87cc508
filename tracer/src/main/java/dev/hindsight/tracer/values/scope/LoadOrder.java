package dev.hindsight.tracer.values.scope;

import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.values.ProgramAccess;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The loaded modules in the order gdb searches its objfiles for a global: the main executable,
 * then the shared objects in the dynamic linker's list (load order: DT_NEEDED breadth first, then
 * each {@code dlopen}), which is also the order ld.so binds a name defined twice. Modules the list
 * does not name (before ld.so filled it) follow in address order.
 */
final class LoadOrder {
    private static final long L_ADDR = 0, L_NEXT = 24;
    private static final int MAX_OBJECTS = 4096;

    private LoadOrder() {}

    static List<LoadedModule> of(ProgramAccess program) {
        List<LoadedModule> all = program.modules().modules();
        List<LoadedModule> out = new ArrayList<>();
        all.stream().filter(LoadedModule::mainExecutable).forEach(out::add);
        OptionalLong map = ThreadLocalStorage.firstLinkMap(program);
        for (int i = 0; map.isPresent() && map.getAsLong() != 0 && i < MAX_OBJECTS; i++) {
            OptionalLong bias = word(program, map.getAsLong() + L_ADDR);
            if (bias.isEmpty()) break;
            for (LoadedModule m : all) {
                if (!m.mainExecutable() && m.bias() == bias.getAsLong() && !out.contains(m)) out.add(m);
            }
            map = word(program, map.getAsLong() + L_NEXT);
        }
        for (LoadedModule m : all) if (!out.contains(m)) out.add(m);
        return out;
    }

    private static OptionalLong word(ProgramAccess program, long address) {
        byte[] b = program.read(address, 8);
        if (b.length < 8) return OptionalLong.empty();
        return OptionalLong.of(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong());
    }
}
