package dev.hindsight.dap.session;

import dev.hindsight.index.IndexReader;
import dev.hindsight.tracer.travel.TimeTravel;
import java.nio.file.Path;

/**
 * What a session on a built trace has beyond a live one: the target's reverse half and the
 * index, for the questions over the whole run (timeline markers, every execution of a line).
 */
public record Recording(Path traceDir, TimeTravel travel, IndexReader index) implements AutoCloseable {
    @Override
    public void close() {
        index.close();
    }
}
