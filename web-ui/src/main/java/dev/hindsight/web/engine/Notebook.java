package dev.hindsight.web.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The notes of one served recording, and the page's view of it (breakpoints, watches, the time it
 * was at: what the page chooses to keep, at most {@link #MAX_VIEW} characters of JSON), each pinned to a moment (a time of the run and the source
 * line there), shared by every page of the server. With a storage directory they are one small
 * JSON file there, named after the trace's real path, rewritten whole on every change through a
 * temporary file renamed over it (a crash leaves the old file or the new one, never half of one).
 */
public final class Notebook {
    static final int MAX_NOTES = 1000;
    static final int MAX_TEXT = 4000;
    static final int MAX_VIEW = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final String trace;
    private final List<Note> notes = new ArrayList<>();
    private long nextId = 1;
    private JsonNode view = JSON.createObjectNode();

    /** A note: {@code path}/{@code line} say where the program was (null/0 when no source there). */
    public record Note(long id, long time, String path, int line, String text) {
    }

    /** @param storage the directory to keep it in, or null for memory only */
    public Notebook(Path trace, Path storage) throws IOException {
        this.trace = trace.toRealPath().toString();
        if (storage == null) {
            file = null;
            return;
        }
        Files.createDirectories(storage);
        file = storage.toRealPath().resolve("notebook-" + digest(this.trace) + ".json");
        if (Files.isRegularFile(file)) load(JSON.readTree(Files.readString(file, StandardCharsets.UTF_8)));
    }

    public boolean persistent() {
        return file != null;
    }

    public synchronized List<Note> notes() {
        List<Note> sorted = new ArrayList<>(notes);
        sorted.sort(Comparator.comparingLong(Note::time).thenComparingLong(Note::id));
        return sorted;
    }

    public synchronized Note add(long time, String path, int line, String text) throws IOException {
        if (time < 0) throw new IllegalArgumentException("a note needs the time it is pinned to");
        if (text == null || text.isBlank()) throw new IllegalArgumentException("a note needs some text");
        if (text.length() > MAX_TEXT) throw new IllegalArgumentException("a note holds at most " + MAX_TEXT + " characters");
        if (notes.size() >= MAX_NOTES) throw new IllegalArgumentException("the notebook is full (" + MAX_NOTES + " notes)");
        Note n = new Note(nextId++, time, path, Math.max(0, line), text.strip());
        notes.add(n);
        try {
            save();
        } catch (IOException e) {
            notes.remove(n); // not kept in the page either: what it shows is what is stored
            throw e;
        }
        return n;
    }

    /** @return whether a note with that id was there */
    public synchronized boolean delete(long id) throws IOException {
        boolean removed = notes.removeIf(n -> n.id() == id);
        if (removed) save();
        return removed;
    }

    public synchronized JsonNode view() {
        return view.deepCopy();
    }

    /** Replaces the kept view; it must be a JSON object of at most {@link #MAX_VIEW} characters. */
    public synchronized void setView(JsonNode v) throws IOException {
        if (v == null || !v.isObject()) throw new IllegalArgumentException("a view is a JSON object");
        if (v.toString().length() > MAX_VIEW) throw new IllegalArgumentException("a view holds at most " + MAX_VIEW + " characters");
        JsonNode old = view;
        view = v.deepCopy();
        try {
            save();
        } catch (IOException e) {
            view = old;
            throw e;
        }
    }

    public static ObjectNode toJson(Note n) {
        ObjectNode o = JSON.createObjectNode().put("id", n.id()).put("time", n.time()).put("text", n.text());
        if (n.path() != null) o.put("path", n.path()).put("line", n.line());
        return o;
    }

    private void load(JsonNode root) {
        if (root.path("view").isObject()) view = root.path("view");
        for (JsonNode n : root.path("notes")) {
            Note note = new Note(n.path("id").asLong(), n.path("time").asLong(),
                    n.hasNonNull("path") ? n.path("path").asText() : null, n.path("line").asInt(), n.path("text").asText());
            notes.add(note);
            nextId = Math.max(nextId, note.id() + 1);
        }
    }

    private void save() throws IOException {
        if (file == null) return;
        ObjectNode root = JSON.createObjectNode().put("version", 1).put("trace", trace);
        ArrayNode list = root.putArray("notes");
        for (Note n : notes()) list.add(toJson(n));
        root.set("view", view);
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root), StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
