package dev.hindsight.dap;

import static dev.hindsight.dap.testing.Lsp4jClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import dev.hindsight.dap.testing.Eventually;
import dev.hindsight.dap.testing.Gdb;
import dev.hindsight.dap.testing.Lsp4jClient;
import dev.hindsight.dap.testing.Programs;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.debug.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * `hindsight dap` in its own process, driven by the LSP4J client that Eclipse (LSP4E) and IntelliJ
 * (LSP4IJ) use, in the order those IDEs send their requests and with the initialize arguments each
 * sends (LSP4E's {@code DSPDebugTarget.initialize}, LSP4IJ's
 * {@code DAPDebugAdapterDescriptor.createInitializeRequestArguments}). LSP4J reads every message
 * into its typed model and validates it, so a field the adapter sends with the wrong JSON type, or a
 * required field it leaves out, fails here. gdb on the same binary is the oracle for the stop.
 */
@Timeout(300)
class Lsp4jClientsTest {
    private static final String FIXTURE = "dap_basic.c";

    /** LSP4E's "Launch Parameters (Json)" as README.md gives them; LSP4E sends them as written. */
    static final String LSP4E_LAUNCH = """
            {
              "type": "hindsight",
              "request": "launch",
              "name": "Debug prog",
              "program": "/path/to/prog",
              "cwd": "/path/to"
            }""";

    /** LSP4IJ's "DAP parameters" as README.md gives them; LSP4IJ fills in ${file} and ${workspaceFolder}. */
    static final String LSP4IJ_LAUNCH = """
            {
              "type": "hindsight",
              "request": "launch",
              "program": "${file}",
              "cwd": "${workspaceFolder}"
            }""";

    @Test
    void eclipseLsp4e() throws Exception {
        Path exe = Programs.compile(FIXTURE);
        debugSession(LSP4E_LAUNCH.replace("/path/to/prog", exe.toString()).replace("/path/to", exe.getParent().toString()), false, false, Lsp4jClientsTest::lsp4e);
    }

    /** LSP4E's other choice: "Connect to running Debug Server" at a `hindsight dap --port N`. */
    @Test
    void eclipseLsp4eOverTcp() throws Exception {
        Path exe = Programs.compile(FIXTURE);
        debugSession(LSP4E_LAUNCH.replace("/path/to/prog", exe.toString()).replace("/path/to", exe.getParent().toString()), false, true, Lsp4jClientsTest::lsp4e);
    }

    private static void lsp4e(InitializeRequestArguments a) {
        a.setClientID("lsp4e.debug");
        a.setSupportsVariablePaging(true);
        a.setSupportsRunInTerminalRequest(true);
    }

    @Test
    void intellijLsp4ij() throws Exception {
        Path exe = Programs.compile(FIXTURE);
        debugSession(LSP4IJ_LAUNCH.replace("${file}", exe.toString()).replace("${workspaceFolder}", exe.getParent().toString()), true, false, a -> {
            a.setClientID("lsp4ij.debug");
            a.setSupportsVariablePaging(false);
            a.setSupportsRunInTerminalRequest(false);
            a.setSupportsStartDebuggingRequest(true);
        });
    }

    @Test
    void readmeGivesTheseConfigurations() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (String launch : List.of(LSP4E_LAUNCH, LSP4IJ_LAUNCH)) {
            assertTrue(readme.contains("```json\n" + launch + "\n```"), "README.md gives\n" + launch);
        }
    }

    /** The adapter as an IDE starts it: the JVM command `hindsight dap` execs, on stdin/stdout. */
    private static Process adapter(Path log) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), DapMain.class.getName())
                .redirectError(log.toFile()).start();
    }

    private void debugSession(String launchJson, boolean terminateFirst, boolean overTcp, Consumer<InitializeRequestArguments> client)
            throws Exception {
        Path exe = Programs.compile(FIXTURE), src = Programs.source(FIXTURE);
        int line = Programs.line(FIXTURE, "print");
        Gdb.LineStop gdb = Gdb.lineStop(exe, exe.getParent(), FIXTURE + ":" + line, List.of("total", "p.x", "p.y"));
        Path log = Files.createTempFile("hindsight-lsp4j-adapter", ".log");
        Process p = overTcp ? TransportTest.dap("--port", "0") : adapter(log);
        Socket socket = overTcp ? new Socket("127.0.0.1", TransportTest.announcedPort(p)) : null;
        try (Lsp4jClient c = overTcp ? new Lsp4jClient(socket.getInputStream(), socket.getOutputStream())
                : new Lsp4jClient(p.getInputStream(), p.getOutputStream())) {
            // both IDEs read the configuration's JSON into a map with Gson and send it as the launch's arguments
            Map<String, Object> launch = new Gson().fromJson(launchJson, new TypeToken<Map<String, Object>>() {}.getType());

            InitializeRequestArguments init = new InitializeRequestArguments();
            init.setAdapterID((String) launch.get("type")); // both IDEs: the configuration's type
            init.setPathFormat(InitializeRequestArgumentsPathFormat.PATH);
            init.setSupportsVariableType(true);
            init.setLinesStartAt1(true);
            init.setColumnsStartAt1(true);
            client.accept(init);
            Capabilities caps = await(c.server().initialize(init));
            assertEquals(Boolean.TRUE, caps.getSupportsConfigurationDoneRequest());
            assertEquals(Boolean.TRUE, caps.getSupportsDisassembleRequest());
            assertEquals(Boolean.TRUE, caps.getSupportsTerminateRequest());

            // launch, then (after the initialized event) the breakpoints, then configurationDone
            await(c.server().launch(launch));
            c.event("initialized", 0, Object.class, b -> true);
            Source source = new Source();
            source.setName(src.getFileName().toString());
            source.setPath(src.toString());
            SetBreakpointsArguments bps = new SetBreakpointsArguments();
            bps.setSource(source);
            SourceBreakpoint bp = new SourceBreakpoint();
            bp.setLine(line);
            bps.setBreakpoints(new SourceBreakpoint[] {bp});
            bps.setSourceModified(false);
            Breakpoint[] set = await(c.server().setBreakpoints(bps)).getBreakpoints();
            assertEquals(1, set.length);
            assertEquals(Boolean.TRUE, set[0].isVerified());
            assertEquals(line, set[0].getLine());
            int m = c.mark();
            await(c.server().configurationDone(new ConfigurationDoneArguments()));

            StoppedEventArguments stop = c.event("stopped", m, StoppedEventArguments.class);
            assertEquals(StoppedEventArgumentsReason.BREAKPOINT, stop.getReason());
            org.eclipse.lsp4j.debug.Thread[] threads = await(c.server().threads()).getThreads();
            assertEquals(1, threads.length);
            assertEquals(stop.getThreadId(), threads[0].getId());

            StackFrame top = topFrame(c, stop.getThreadId());
            assertEquals(line, top.getLine());
            assertEquals(src.toString(), top.getSource().getPath());
            assertEquals(gdb.pc(), Long.decode(top.getInstructionPointerReference()));

            // the locals: values and types as gdb prints them; p expands to its members
            Map<String, Variable> locals = locals(c, top.getId());
            assertEquals(gdb.values().get("total"), locals.get("total").getValue());
            assertEquals(gdb.types().get("total"), locals.get("total").getType());
            Map<String, Variable> members = variables(c, locals.get("p").getVariablesReference());
            assertEquals(List.of(gdb.values().get("p.x"), gdb.values().get("p.y")),
                    List.of(members.get("x").getValue(), members.get("y").getValue()));
            // a hover over `total` in the editor (both IDEs evaluate in the hover context)
            EvaluateArguments hover = new EvaluateArguments();
            hover.setExpression("total");
            hover.setFrameId(top.getId());
            hover.setContext(EvaluateArgumentsContext.HOVER);
            assertEquals(gdb.values().get("total"), await(c.server().evaluate(hover)).getResult());
            // the Variables view expands every scope: each must come through LSP4J's model
            ScopesArguments scopes = new ScopesArguments();
            scopes.setFrameId(top.getId());
            for (Scope s : await(c.server().scopes(scopes)).getScopes()) {
                assertTrue(!variables(c, s.getVariablesReference()).isEmpty() || s.getName().equals("Arguments"), s.getName());
            }

            // the disassembly at the pc: its first instruction is gdb's (mnemonic and operands)
            DisassembleArguments dis = new DisassembleArguments();
            dis.setMemoryReference(top.getInstructionPointerReference());
            dis.setInstructionCount(4);
            dis.setResolveSymbols(true);
            DisassembledInstruction[] insns = await(c.server().disassemble(dis)).getInstructions();
            assertEquals(4, insns.length);
            assertEquals(gdb.pc(), Long.decode(insns[0].getAddress()));
            assertEquals(words(gdb.instruction()), words(insns[0].getInstruction()));

            // step over (LSP4E's and LSP4IJ's step over is `next`): gdb's next stops at the same line
            m = c.mark();
            NextArguments next = new NextArguments();
            next.setThreadId(stop.getThreadId());
            await(c.server().next(next));
            StoppedEventArguments stepped = c.event("stopped", m, StoppedEventArguments.class);
            assertEquals(StoppedEventArgumentsReason.STEP, stepped.getReason());
            assertEquals(gdb.lineAfterNext(), topFrame(c, stepped.getThreadId()).getLine());

            // stop debugging. LSP4IJ sends terminate (the program is killed: exited, then
            // terminated), then disconnect; LSP4E's Terminate sends only disconnect with
            // terminateDebuggee. Either way the adapter ends the connection (on stdio it exits; a
            // TCP server goes on serving) and the program (its main thread's id is its pid) is
            // not left behind, stopped or running.
            int pid = stop.getThreadId();
            assertTrue(Eventually.running(pid), "the program runs while stopped");
            if (terminateFirst) {
                m = c.mark();
                await(c.server().terminate(new TerminateArguments()));
                c.event("terminated", m, TerminatedEventArguments.class);
                List<String> ending = c.events().subList(m, c.mark()).stream().map(Lsp4jClient.Event::name)
                        .filter(n -> n.equals("exited") || n.equals("terminated")).toList();
                assertEquals(List.of("exited", "terminated"), ending);
            }
            DisconnectArguments disconnect = new DisconnectArguments();
            disconnect.setTerminateDebuggee(true);
            await(c.server().disconnect(disconnect));
            c.awaitEnd();
            if (overTcp) {
                assertTrue(p.isAlive(), "the TCP server goes on serving");
            } else {
                assertTrue(p.waitFor(Lsp4jClient.TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS),
                        "the adapter exits after disconnect");
            }
            Eventually.gone(pid);
            assertEquals(List.of(), c.issues(), "what LSP4J could not read from the adapter");
        } finally {
            if (socket != null) socket.close();
            p.destroyForcibly();
            String text = Files.readString(log);
            Files.deleteIfExists(log);
            if (!text.isBlank()) System.err.println("adapter log:\n" + text);
        }
    }

    private static StackFrame topFrame(Lsp4jClient c, int threadId) {
        StackTraceArguments args = new StackTraceArguments();
        args.setThreadId(threadId);
        args.setStartFrame(0);
        args.setLevels(20);
        StackFrame[] frames = await(c.server().stackTrace(args)).getStackFrames();
        assertEquals("main", frames[0].getName());
        return frames[0];
    }

    private static Map<String, Variable> locals(Lsp4jClient c, int frameId) {
        ScopesArguments args = new ScopesArguments();
        args.setFrameId(frameId);
        Scope[] scopes = await(c.server().scopes(args)).getScopes();
        Scope locals = Arrays.stream(scopes).filter(s -> s.getName().equals("Locals")).findFirst()
                .orElseThrow(() -> new AssertionError("no Locals scope in " + Arrays.toString(scopes)));
        return variables(c, locals.getVariablesReference());
    }

    private static Map<String, Variable> variables(Lsp4jClient c, int reference) {
        VariablesArguments args = new VariablesArguments();
        args.setVariablesReference(reference);
        return Arrays.stream(await(c.server().variables(args)).getVariables())
                .collect(Collectors.toMap(Variable::getName, v -> v, (a, b) -> a, LinkedHashMap::new));
    }

    private static List<String> words(String instruction) {
        return List.of(instruction.trim().split("\\s+"));
    }
}
