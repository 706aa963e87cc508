package dev.hindsight.mi.cli;

import dev.hindsight.mi.session.MiSession;
import dev.hindsight.mi.session.SharedLibraries;
import java.util.List;

/**
 * {@code info sharedlibrary}: the shared objects in the dynamic linker's list ({@link
 * SharedLibraries}), each with the range of its {@code .text} and whether its debugging
 * information was found, in gdb's columns.
 */
final class InfoSharedLibrary {
    private InfoSharedLibrary() {}

    static void show(MiSession s) {
        List<SharedLibraries.Library> loaded = SharedLibraries.loaded(s.target());
        if (loaded.isEmpty()) {
            s.out().console("No shared libraries loaded at this time.\n");
            return;
        }
        s.out().console("From                To                  Syms Read   Shared Object Library\n");
        boolean missingDebug = false;
        for (SharedLibraries.Library l : loaded) {
            missingDebug |= !l.debugInfo();
            s.out().console(String.format("0x%016x  0x%016x  %-12s%s\n", l.from(), l.to(), l.debugInfo() ? "Yes" : "Yes (*)", l.name()));
        }
        if (missingDebug) s.out().console("(*): Shared library is missing debugging information.\n");
    }
}
