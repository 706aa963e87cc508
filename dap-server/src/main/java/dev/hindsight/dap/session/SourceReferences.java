package dev.hindsight.dap.session;

import dev.hindsight.dap.disasm.FunctionListing;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.elf.SymbolicAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * DAP {@code sourceReference}s: contents the client cannot read from a file of its own, fetched
 * with the {@code source} request. A frame whose source file is not here gets a generated
 * disassembly listing of its function; a frame of a recorded run whose source was deleted since
 * gets the copy kept in the trace ({@code sources/} of the trace directory). References stay valid
 * for the program's life (unlike frame ids, which end when it resumes); the same function or file
 * keeps its reference.
 */
public final class SourceReferences {
    /** What a reference stands for. */
    public record Content(String name, Supplier<String> text, String mimeType) { }

    /** A frame's place in a listing: the reference, the listing's name and the frame's line in it (1-based). */
    public record Place(int reference, String name, int line) { }

    private final Map<String, Integer> byKey = new HashMap<>();
    private final Map<Integer, Content> contents = new HashMap<>();
    /** Never reused, so a reference of a previous program is unknown rather than something else. */
    private int nextReference = 1;
    private final Map<Integer, FunctionListing> listings = new HashMap<>();

    /** The listing of the function around {@code address}, made on first use. */
    public Place listing(Target target, long address) {
        Optional<SymbolicAddress> sym = target.symbols().modules().symbolize(address);
        String key = "listing:" + Long.toHexString(sym.map(s -> address - s.offset()).orElse(address));
        Integer ref = byKey.get(key);
        FunctionListing l = ref == null ? null : listings.get(ref);
        if (l == null || !l.covers(address)) {
            // A function that could not be listed whole gets a window per place asked for.
            if (ref != null) key += "@" + Long.toHexString(address);
            FunctionListing made = FunctionListing.around(target, address);
            l = made;
            ref = add(key, new Content(made.name(), made::text, "text/x-asm"));
            listings.put(ref, made);
        }
        return new Place(ref, l.name(), l.lineOf(address));
    }

    /** The copy of {@code file} kept in a trace directory, when there is one. */
    public Optional<Integer> kept(Path traceDir, String file) {
        if (traceDir == null || !file.startsWith("/")) return Optional.empty();
        Path sources = traceDir.resolve("sources");
        Path copy = sources.resolve(file.substring(1)).normalize();
        if (!copy.startsWith(sources) || !Files.isRegularFile(copy)) return Optional.empty();
        String mime = file.endsWith(".s") || file.endsWith(".S") ? "text/x-asm" : "text/x-c";
        return Optional.of(add("kept:" + file, new Content(Path.of(file).getFileName().toString(), () -> read(copy), mime)));
    }

    public Optional<Content> get(int reference) {
        return Optional.ofNullable(contents.get(reference));
    }

    private int add(String key, Content content) {
        return byKey.computeIfAbsent(key, k -> {
            contents.put(nextReference, content);
            return nextReference++;
        });
    }

    /** Another program: its addresses mean something else. */
    void reset() {
        byKey.clear();
        contents.clear();
        listings.clear();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
