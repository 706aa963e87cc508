package dev.hindsight.dap.handlers;

import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import dev.hindsight.dap.session.BreakpointMapper;
import dev.hindsight.dap.session.ModuleFiles;
import dev.hindsight.dap.session.Session;
import dev.hindsight.dap.session.SourceReferences;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.elf.LoadedModule;
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
        for (LoadedModule m : session.target().symbols().modulesNow().modules()) files.addAll(ModuleFiles.existing(m));
        return files;
    }

    public ModulesResponse modules(ModulesArguments args) {
        List<Module> out = new ArrayList<>();
        if (session.hasProgram() && session.target().state() != Target.State.EXITED) {
            for (LoadedModule m : session.target().symbols().modulesNow().modules()) {
                out.add(dev.hindsight.dap.session.ModuleEvents.toDap(m));
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
        Integer ref = args.getSource() != null && args.getSource().getSourceReference() != null
                && args.getSource().getSourceReference() > 0 ? args.getSource().getSourceReference() : args.getSourceReference();
        // DAP: a reference above 0 is fetched by reference, even when a path is given too.
        if (ref != null && ref > 0) return byReference(ref);
        String path = args.getSource() != null ? args.getSource().getPath() : null;
        if (path == null) throw new DapException(ErrorCode.INVALID_ARGUMENTS, "'source' needs a path or a sourceReference");
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

    private SourceResponse byReference(int ref) {
        SourceReferences.Content c = session.sourceReferences().get(ref)
                .orElseThrow(() -> new DapException(ErrorCode.INVALID_ARGUMENTS, "no source has reference " + ref));
        SourceResponse r = new SourceResponse();
        try {
            r.setContent(c.text().get());
        } catch (java.io.UncheckedIOException e) {
            throw new DapException(ErrorCode.NOT_AVAILABLE, "cannot read " + c.name() + ": " + e.getCause().getMessage(), e);
        }
        r.setMimeType(c.mimeType());
        return r;
    }
}
