package dev.hindsight.dap.handlers;

import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import dev.hindsight.dap.session.BreakpointMapper;
import dev.hindsight.dap.session.Session;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.dwarf.info.CompilationUnit;
import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.source.ModuleSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.lsp4j.debug.LoadedSourcesArguments;
import org.eclipse.lsp4j.debug.LoadedSourcesResponse;
import org.eclipse.lsp4j.debug.Module;
import org.eclipse.lsp4j.debug.ModulesArguments;
import org.eclipse.lsp4j.debug.ModulesResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceArguments;
import org.eclipse.lsp4j.debug.SourceResponse;

/**
 * loadedSources (the files the program's line tables name that exist here), source (their
 * text) and modules (the ELF objects loaded in the program).
 */
public final class SourceHandlers extends RequestHandler {
    private static final long MAX_SOURCE = 16 << 20;

    public SourceHandlers(Session session) {
        super(session);
    }

    public LoadedSourcesResponse loadedSources(LoadedSourcesArguments args) {
        LoadedSourcesResponse r = new LoadedSourcesResponse();
        r.setSources(files().stream().map(BreakpointMapper::source).toArray(Source[]::new));
        return r;
    }

    private Set<String> files() {
        Set<String> files = new TreeSet<>();
        if (!session.hasProgram() || session.target().state() == Target.State.EXITED) return files;
        for (LoadedModule m : session.target().modulesNow().modules()) {
            ModuleSource src = ModuleSource.of(m.elf());
            src.debugInfo().ifPresent(info -> {
                for (CompilationUnit u : info.units()) {
                    src.lineTable(u).ifPresent(t -> {
                        for (int i = 0; i <= t.files().size(); i++) {
                            String p = pathOrNull(t, i);
                            if (p != null && Files.isRegularFile(Path.of(p))) files.add(p);
                        }
                    });
                }
            });
        }
        return files;
    }

    private static String pathOrNull(dev.hindsight.tracer.dwarf.line.LineTable t, int i) {
        try {
            return t.path(i);
        } catch (RuntimeException e) {
            return null;
        }
    }

    public ModulesResponse modules(ModulesArguments args) {
        List<Module> out = new ArrayList<>();
        if (session.hasProgram() && session.target().state() != Target.State.EXITED) {
            for (LoadedModule m : session.target().modulesNow().modules()) {
                Module d = new Module();
                d.setId(m.path());
                d.setName(m.name());
                d.setPath(m.path());
                d.setIsUserCode(m.mainExecutable());
                d.setSymbolStatus(ModuleSource.of(m.elf()).hasDebugInfo() ? "debug information" : "symbols only");
                d.setAddressRange(String.format("0x%x-0x%x", m.start(), m.end()));
                out.add(d);
            }
        }
        int start = args == null || args.getStartModule() == null ? 0 : args.getStartModule();
        int count = args == null || args.getModuleCount() == null ? 0 : args.getModuleCount();
        ModulesResponse r = new ModulesResponse();
        r.setModules(dev.hindsight.dap.variables.Container.page(out, start, count).toArray(Module[]::new));
        r.setTotalModules(out.size());
        return r;
    }

    public SourceResponse source(SourceArguments args) {
        required(args, "source");
        String path = args.getSource() != null ? args.getSource().getPath() : null;
        if (path == null) {
            throw new DapException(ErrorCode.INVALID_ARGUMENTS, "only sources with a 'path' are available (no sourceReference "
                    + args.getSourceReference() + ")");
        }
        Path p = Path.of(path);
        if (!session.options().allowProgramPaths() && !files().contains(p.toAbsolutePath().normalize().toString())) {
            throw new DapException(ErrorCode.NOT_ALLOWED, "only the program's own sources can be read here");
        }
        try {
            if (Files.size(p) > MAX_SOURCE) throw new DapException(ErrorCode.INVALID_ARGUMENTS, path + " is too large");
            SourceResponse r = new SourceResponse();
            r.setContent(Files.readString(p));
            r.setMimeType(path.endsWith(".s") || path.endsWith(".S") ? "text/x-asm" : "text/x-c");
            return r;
        } catch (IOException e) {
            throw new DapException(ErrorCode.NOT_AVAILABLE, "cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
