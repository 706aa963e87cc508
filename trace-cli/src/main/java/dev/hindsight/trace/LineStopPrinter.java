package dev.hindsight.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.hindsight.tracer.source.SourcePoint;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * One stop of a line trace: {@code main /abs/file.c:14} and the locals indented below it, or
 * {@code {"function":…,"file":…,"line":…,"locals":{…}}} per line in JSON.
 */
final class LineStopPrinter {
    private final PrintStream out;
    private final boolean json;
    private final JsonGenerator generator;

    LineStopPrinter(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
        try {
            this.generator = new JsonFactory().setRootValueSeparator(null).createGenerator(out)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void print(SourcePoint where, Map<String, String> locals) {
        String function = where.function() != null ? where.function() : "??";
        if (!json) {
            out.println(function + " " + where.line().file() + ":" + where.line().line());
            locals.forEach((name, value) -> out.println("    " + name + " = " + value));
            return;
        }
        try {
            generator.writeStartObject();
            generator.writeStringField("function", function);
            generator.writeStringField("file", where.line().file());
            generator.writeNumberField("line", where.line().line());
            generator.writeObjectFieldStart("locals");
            for (Map.Entry<String, String> e : locals.entrySet()) generator.writeStringField(e.getKey(), e.getValue());
            generator.writeEndObject();
            generator.writeEndObject();
            generator.flush();
            out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
