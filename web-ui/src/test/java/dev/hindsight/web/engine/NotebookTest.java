package dev.hindsight.web.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notes pinned to moments: in time order, kept in --storage across servers, one file per trace, nothing half-written. */
class NotebookTest {
    @TempDir Path dir;

    @Test
    void notesComeBackInTimeOrderFromTheStorageOfTheSameTrace() throws Exception {
        Path trace = Files.createDirectories(dir.resolve("trace"));
        Path storage = dir.resolve("storage");
        Notebook first = new Notebook(trace, storage);
        assertTrue(first.persistent());
        first.add(900, "/p/x.c", 12, "later");
        first.add(30, "/p/x.c", 4, " earlier ");
        first.add(500, null, 0, "no source there");
        first.setView(new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"time\":30,\"watches\":[\"i\"]}"));
        assertTrue(first.delete(first.notes().get(2).id()));

        Notebook again = new Notebook(trace, storage);
        assertEquals(List.of(new Notebook.Note(2, 30, "/p/x.c", 4, "earlier"), new Notebook.Note(3, 500, null, 0, "no source there")),
                again.notes());
        assertEquals("{\"time\":30,\"watches\":[\"i\"]}", again.view().toString(), "the view comes back too");
        assertEquals(4, again.add(1, null, 0, "new").id(), "ids are not reused after a restart");
        try (var files = Files.list(storage)) {
            assertEquals(List.of(true), files.map(f -> f.getFileName().toString().matches("notebook-[0-9a-f]{16}\\.json")).toList(),
                    "one notebook file and no temporary left behind");
        }
        Notebook other = new Notebook(Files.createDirectories(dir.resolve("other-trace")), storage);
        assertEquals(List.of(), other.notes(), "another trace has its own notebook");
    }

    @Test
    void inMemoryNotesAreNotWrittenAnywhere() throws Exception {
        Notebook n = new Notebook(dir, null);
        assertFalse(n.persistent());
        n.add(1, null, 0, "x");
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void badNotesAreRefused() throws Exception {
        Notebook n = new Notebook(dir, null);
        assertThrows(IllegalArgumentException.class, () -> n.add(-1, null, 0, "x"));
        assertThrows(IllegalArgumentException.class, () -> n.add(1, null, 0, "  "));
        assertThrows(IllegalArgumentException.class, () -> n.add(1, null, 0, "x".repeat(Notebook.MAX_TEXT + 1)));
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThrows(IllegalArgumentException.class, () -> n.setView(json.readTree("[1]")));
        assertThrows(IllegalArgumentException.class, () -> n.setView(json.createObjectNode().put("x", "y".repeat(Notebook.MAX_VIEW))));
        assertEquals("{}", n.view().toString());
        assertEquals(List.of(), n.notes());
    }
}
