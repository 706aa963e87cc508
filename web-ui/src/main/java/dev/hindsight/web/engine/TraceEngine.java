package dev.hindsight.web.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.dap.DapSession;
import dev.hindsight.dap.DapSessionOptions;
import dev.hindsight.tracer.confine.Confinement;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Sessions on one served recording ({@code hindsight serve TRACE_DIR}). The engine's session may
 * replay a trace only when it may open paths, so everything that could name a path is decided
 * here, before it: every {@code launch} (and {@code restart}) replays the served trace whatever it
 * asked for, {@code attach} is refused, and {@code source} is answered from {@link SourceTrees}
 * (the engine would read any path). The notebook's requests ({@code hindsight/notebook},
 * {@code …/add}, {@code …/delete}) and the kept view's ({@code hindsight/view}, {@code …/set}) are
 * answered here too; everything else is the engine's.
 */
public final class TraceEngine implements DebugSessionFactory {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path trace;
    private final Path tempRoot;
    private final Confinement confinement;
    private final SourceTrees sources;
    private final Notebook notebook;

    public TraceEngine(Path trace, Path tempRoot, Confinement confinement, SourceTrees sources, Notebook notebook) {
        this.trace = trace.toAbsolutePath().normalize();
        this.tempRoot = tempRoot;
        this.confinement = confinement;
        this.sources = sources;
        this.notebook = notebook;
    }

    @Override
    public DebugSession create() {
        DebugSession engine = DapEngine.wrap(DapSession.create(new DapSessionOptions(false, true, tempRoot, confinement)));
        return new Filtered(engine);
    }

    /** The engine's session behind the requests this server answers or rewrites itself. */
    private final class Filtered implements DebugSession {
        private final DebugSession engine;
        private volatile Consumer<String> toClient = m -> { };
        private volatile Runnable flush = () -> { };

        Filtered(DebugSession engine) {
            this.engine = engine;
        }

        @Override public void connect(Consumer<String> toClient, Runnable flush) {
            this.toClient = toClient;
            this.flush = flush;
            engine.connect(toClient, flush);
        }

        @Override public void receive(String json) {
            JsonNode m;
            try {
                m = JSON.readTree(json);
            } catch (IOException e) {
                engine.receive(json); // the engine answers what is not JSON
                return;
            }
            if (m == null || !"request".equals(m.path("type").asText())) {
                engine.receive(json);
                return;
            }
            String command = m.path("command").asText();
            try {
                switch (command) {
                    case "launch" -> engine.receive(withArguments(m, launchArguments(m.path("arguments"))).toString());
                    case "restart" -> {
                        ObjectNode args = JSON.createObjectNode();
                        if (m.path("arguments").has("arguments")) args.set("arguments", launchArguments(m.path("arguments").path("arguments")));
                        engine.receive(withArguments(m, args).toString());
                    }
                    case "attach" -> answer(m, null, "this server serves one recording: attach is not available");
                    case "source" -> answer(m, source(m.path("arguments")), null);
                    case "hindsight/notebook" -> answer(m, notes(), null);
                    case "hindsight/notebook/add" -> {
                        JsonNode a = m.path("arguments");
                        notebook.add(a.path("time").asLong(-1), a.hasNonNull("path") ? a.path("path").asText() : null,
                                a.path("line").asInt(0), a.path("text").asText(""));
                        answer(m, notes(), null);
                    }
                    case "hindsight/view" -> answer(m, JSON.createObjectNode().set("view", notebook.view()), null);
                    case "hindsight/view/set" -> {
                        notebook.setView(m.path("arguments").path("view"));
                        answer(m, JSON.createObjectNode(), null);
                    }
                    case "hindsight/notebook/delete" -> {
                        notebook.delete(m.path("arguments").path("id").asLong(-1));
                        answer(m, notes(), null);
                    }
                    default -> engine.receive(json);
                }
            } catch (IllegalArgumentException | IOException e) {
                answer(m, null, e.getMessage());
            }
        }

        /** What a page may choose of a launch: where to stop and the disassembly's syntax; the trace is the server's. */
        private ObjectNode launchArguments(JsonNode asked) {
            ObjectNode a = JSON.createObjectNode().put("trace", trace.toString())
                    .put("stopOnEntry", asked.path("stopOnEntry").asBoolean(true));
            String flavor = asked.path("disassemblyFlavor").asText("att");
            a.put("disassemblyFlavor", flavor.equals("intel") ? "intel" : "att");
            return a;
        }

        private ObjectNode source(JsonNode args) throws IOException {
            String path = args.path("source").path("path").asText(null);
            Optional<String> text = sources.read(path);
            if (text.isEmpty()) {
                throw new IllegalArgumentException(path == null ? "only sources with a 'path' are available"
                        : "not in the served source trees: " + path + " (hindsight serve --sources DIR names where sources are)");
            }
            ObjectNode body = JSON.createObjectNode().put("content", text.get());
            body.put("mimeType", path.endsWith(".s") || path.endsWith(".S") ? "text/x-asm" : "text/x-c");
            return body;
        }

        private ObjectNode notes() {
            ObjectNode body = JSON.createObjectNode().put("storage", notebook.persistent() ? "disk" : "memory");
            var list = body.putArray("notes");
            notebook.notes().forEach(n -> list.add(Notebook.toJson(n)));
            return body;
        }

        private void answer(JsonNode request, ObjectNode body, String error) {
            ObjectNode r = JSON.createObjectNode().put("seq", 0).put("type", "response")
                    .put("request_seq", request.path("seq").asInt()).put("command", request.path("command").asText())
                    .put("success", error == null);
            if (error != null) {
                r.put("message", error);
                r.putObject("body").putObject("error").put("id", 1).put("format", error);
            } else {
                r.set("body", body);
            }
            toClient.accept(r.toString());
            flush.run();
        }

        @Override public boolean isEnding() { return engine.isEnding(); }
        @Override public void onClosed(Runnable r) { engine.onClosed(r); }
        @Override public void close() { engine.close(); }
    }

    private static ObjectNode withArguments(JsonNode request, ObjectNode arguments) {
        ObjectNode copy = ((ObjectNode) request).deepCopy();
        copy.set("arguments", arguments);
        return copy;
    }
}
