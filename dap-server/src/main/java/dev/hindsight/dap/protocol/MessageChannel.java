package dev.hindsight.dap.protocol;

import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.OutputEventArgumentsCategory;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.debug.DebugRemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.debug.messages.DebugRequestMessage;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;

/**
 * DAP at the message level: JSON text in, JSON text out (no framing). LSP4J parses requests into
 * typed arguments, dispatches them to the server object and serialises responses and events;
 * this class adds what LSP4J leaves to the transport: malformed input becomes an error response
 * (when the request can be identified) or an output event, never an exception.
 */
public final class MessageChannel {
    private final DapJsonHandler json;
    private final IDebugProtocolClient client;
    private volatile DebugRemoteEndpoint endpoint;
    private volatile Consumer<String> sink = text -> { };

    public MessageChannel() {
        Map<String, JsonRpcMethod> methods = new LinkedHashMap<>(ServiceEndpoints.getSupportedMethods(HindsightDebugServer.class));
        methods.putAll(ServiceEndpoints.getSupportedMethods(HindsightDebugClient.class));
        methods.put("restart", JsonRpcMethod.request("restart", methods.get("restart").getReturnType(), RestartRequest.class));
        json = new DapJsonHandler(methods, gson -> gson.registerTypeAdapter(RestartRequest.class, new RestartRequest.Adapter()));
        // Events go through the endpoint that bind() creates (the server needs this client first).
        client = ServiceEndpoints.toServiceObject(new Endpoint() {
            @Override
            public CompletableFuture<?> request(String method, Object parameter) {
                return endpoint.request(method, parameter);
            }

            @Override
            public void notify(String method, Object parameter) {
                endpoint.notify(method, parameter);
            }
        }, HindsightDebugClient.class);
    }

    /** Dispatches requests to {@code server} from now on. */
    public void bind(HindsightDebugServer server) {
        MessageConsumer out = message -> sink.accept(json.serialize(message));
        DebugRemoteEndpoint e = new DebugRemoteEndpoint(out, ServiceEndpoints.toEndpoint(server), ErrorMapper::toResponseError);
        json.setMethodProvider(e);
        endpoint = e;
    }

    /** Where serialised messages go from now on. */
    public void connect(Consumer<String> toClient) {
        sink = toClient;
    }

    /** Sends what the client's sink holds, when it holds messages back. */
    public void flush() {
        if (sink instanceof MessageSink held) held.flush();
    }

    /** The serialiser (tests compare its two writers). */
    DapJsonHandler json() {
        return json;
    }

    /** Events to the client. */
    public IDebugProtocolClient client() {
        return client;
    }

    /** Handles one message; responses are sent before this returns when the handler answered at once. */
    public void receive(String text) {
        Message message;
        try {
            message = json.parseMessage(text);
        } catch (MessageIssueException e) {
            // LSP4J gives up at the first bad argument, before a seq that comes after it (VS Code
            // writes seq last): its message would answer request 0. The text itself is asked instead.
            rejectUnparsed(text, issueCause(e));
            return;
        } catch (RuntimeException e) {
            rejectUnparsed(text, e);
            return;
        }
        if (message instanceof org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage response) {
            endpoint.consume(response); // to a reverse request of ours (runInTerminal)
            return;
        }
        if (!(message instanceof RequestMessage request)) return; // client events: none expected
        if (request.getMethod() == null) {
            refuse(RequestIdentity.of(text), ErrorCode.MALFORMED_MESSAGE, "malformed request: no 'command'");
            return;
        }
        endpoint.consume(request);
    }

    /** Answers a request with an error without running it (a cancelled request). */
    public void reject(String text, ErrorCode code, String message) {
        try {
            if (json.parseMessage(text) instanceof RequestMessage request) {
                endpoint.handle(request, List.of(new MessageIssue(message, code.id())));
            }
        } catch (RuntimeException e) {
            receive(text); // it was malformed anyway: answer that instead
        }
    }

    /**
     * Answers a request that could not be run (its arguments did not parse, or the transport
     * refused it) with an error carrying its own seq; an output event when it has no seq to answer.
     */
    public void refuse(RequestIdentity request, ErrorCode code, String message) {
        if (!request.answerable()) {
            notice(OutputEventArgumentsCategory.IMPORTANT, "hindsight: " + message + "\n");
            return;
        }
        DebugRequestMessage r = new DebugRequestMessage();
        r.setId(request.seq());
        r.setMethod(request.command() == null ? "" : request.command());
        endpoint.handle(r, List.of(new MessageIssue(message, code.id())));
    }

    /** An output event from the adapter itself (not the program's output). */
    public void notice(String category, String text) {
        OutputEventArguments out = new OutputEventArguments();
        out.setCategory(category);
        out.setOutput(text);
        client.output(out);
    }

    /** Not a message LSP4J could read: answer the request if its seq and command can be found. */
    private void rejectUnparsed(String text, Throwable cause) {
        RequestIdentity request = RequestIdentity.of(text);
        if (!request.answerable()) {
            notice(OutputEventArgumentsCategory.IMPORTANT, "hindsight: malformed message ignored: " + describe(cause) + "\n");
            return;
        }
        boolean wellFormed = true;
        try {
            JsonParser.parseString(text);
        } catch (RuntimeException e) {
            wellFormed = false;
        }
        String name = request.command() == null ? "request without 'command'" : "'" + request.command() + "'";
        refuse(request, wellFormed ? ErrorCode.INVALID_ARGUMENTS : ErrorCode.MALFORMED_MESSAGE,
                (wellFormed ? "invalid arguments for " : "malformed ") + name + ": " + describe(cause));
    }

    private static Throwable issueCause(MessageIssueException e) {
        for (MessageIssue issue : e.getIssues()) {
            if (issue.getCause() != null) return issue.getCause();
        }
        return e.getCause() != null ? e.getCause() : e;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        if (m == null) return t.getClass().getSimpleName();
        // gson appends a troubleshooting link on its own line: the first line says what was wrong
        int newline = m.indexOf('\n');
        return (newline > 0 ? m.substring(0, newline) : m).replaceAll("^[a-zA-Z.]+Exception: ", "");
    }
}
