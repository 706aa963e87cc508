package dev.hindsight.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** serve TRACE_DIR's options: the trace is the one word that is no option's value. */
class TraceServeOptionsTest {
    @Test
    void theTraceSourcesAndStorageAreTakenOutAndTheRestLeftForServeOptions() {
        TraceServeOptions o = TraceServeOptions.extract("--port", "0", "--sources", "/a", "--single-session",
                "--storage", "/s", "--sources", "/b", "--token", "t", "run", "--trust-proxy");
        assertEquals(Optional.of(Path.of("run")), o.trace());
        assertEquals(List.of(Path.of("/a"), Path.of("/b")), o.sources());
        assertEquals(Optional.of(Path.of("/s")), o.storage());
        assertEquals(List.of("--port", "0", "--single-session", "--token", "t", "--trust-proxy"), o.rest());
        assertEquals(0, ServeOptions.parse(o.restArray()).port());
    }

    @Test
    void withoutATraceItIsTheLiveUi() {
        TraceServeOptions o = TraceServeOptions.extract("--port", "8081");
        assertEquals(Optional.empty(), o.trace());
        assertEquals(List.of("--port", "8081"), o.rest());
    }

    @Test
    void mistakesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> TraceServeOptions.extract("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> TraceServeOptions.extract("--sources"));
        assertThrows(IllegalArgumentException.class, () -> TraceServeOptions.extract("--storage", "/s"));
    }
}
