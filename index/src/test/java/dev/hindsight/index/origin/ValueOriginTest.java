package dev.hindsight.index.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.index.IndexReader;
import dev.hindsight.index.build.Builder;
import dev.hindsight.index.origin.OriginNode.Kind;
import dev.hindsight.index.origin.OriginNode.Role;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.breakpoints.Breakpoint;
import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.record.Recorder;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Value origins on origin_flows.c, whose answers are known by hand: a value copied through locals,
 * a struct field stored through a pointer in another function, a byte read from stdin (after an
 * earlier read on the same fd), a sum of two functions' results, libc's strlen. The run is recorded and built
 * (3 shards, so the walks cross shard boundaries); the variables' addresses and the pcs' lines
 * come from a replay of the same trace through the tracer's DWARF, never from the engine.
 */
class ValueOriginTest {
    static final String FIXTURE = "origin_flows.c", INPUT = "abcdefghij";
    @TempDir static Path tmp;
    static IndexReader index;
    static ValueOrigin origin;
    static Target replay;
    static Frame frame;
    static long useTime;

    @BeforeAll
    static void recordBuildAndStopAtUse() throws Exception {
        Path program = Fixtures.compile(FIXTURE);
        Path trace = tmp.resolve("trace");
        Recorder.record(Recorder.Options.of(program, List.of()).withTraceDir(trace)
                .withStdio(LaunchSpec.Stdio.PIPE, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, fds -> {
                    try (var in = new java.io.FileOutputStream("/proc/self/fd/" + fds[0])) {
                        in.write(INPUT.getBytes(StandardCharsets.US_ASCII));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    dev.hindsight.tracer.sys.Files.closeQuietly(fds[0]);
                }));
        Builder.build(trace, 3, null, false);
        index = IndexReader.open(trace);
        origin = new ValueOrigin(index);
        replay = Target.replay(trace, null);
        Breakpoint use = replay.breakpoints().addLine(Fixtures.source(FIXTURE).toString(), Fixtures.line(FIXTURE, "origin_use"));
        replay.execution().resume().get(2, TimeUnit.MINUTES);
        frame = replay.frames().backtrace().get(0);
        useTime = use.addresses().stream().mapToLong(a -> index.firstExecutionFrom(a, a + 1, 0)).filter(t -> t >= 0).min().orElseThrow();
        assertEquals(replay.registers().current().raw()[16], index.pcAt(useTime), "the index's time of the breakpoint is where the replay stopped");
    }

    @AfterAll
    static void close() {
        if (replay != null) replay.close();
        if (origin != null) origin.close();
        if (index != null) index.close();
    }

    private static long addressOf(String variable) {
        return replay.frames().evaluate(variable, frame).address().orElseThrow();
    }

    private static int line(long pc) {
        return replay.symbols().sourceAt(pc).map(p -> p.line().line()).orElse(-1);
    }

    private static int marker(String name) { return Fixtures.line(FIXTURE, name); }

    /** The chain of first data children from a root: the value's path back to its first source. */
    private static List<OriginNode> firstDataChain(OriginNode root) {
        List<OriginNode> chain = new ArrayList<>();
        OriginNode n = root;
        while (n != null && chain.size() < 100) {
            chain.add(n);
            OriginNode next = null;
            if (n.expandable()) for (OriginNode c : origin.expand(n.id())) if (c.role() == Role.DATA) { next = c; break; }
            n = next;
        }
        return chain;
    }

    private static List<Integer> instructionLines(List<OriginNode> chain) {
        return chain.stream().filter(n -> n.kind() == Kind.INSTRUCTION).map(n -> line(n.pc())).toList();
    }

    private static OriginNode last(List<OriginNode> chain) { return chain.get(chain.size() - 1); }

    @Test
    void aValueCopiedThroughLocalsLeadsBackThroughEachAssignmentToTheConstant() {
        List<OriginNode> chain = firstDataChain(origin.ofMemory(useTime, addressOf("c"), 4));
        // c = b (load b, store c), b = a (load a, store b), a = 42 (store the immediate)
        assertEquals(List.of(marker("origin_c"), marker("origin_c"), marker("origin_b"), marker("origin_b"), marker("origin_a")),
                instructionLines(chain), "the instructions' lines along " + chain);
        assertEquals(Kind.CONSTANT, last(chain).kind(), chain.toString());
        assertEquals(42, last(chain).fact("value"));
        assertEquals(List.of(Kind.MEMORY, Kind.INSTRUCTION, Kind.REGISTER, Kind.INSTRUCTION, Kind.MEMORY),
                chain.subList(0, 5).stream().map(OriginNode::kind).toList(), "memory, its store, the stored register, its load, the loaded local");
    }

    @Test
    void aStructFieldWrittenThroughAPointerInAnotherFunction() {
        OriginNode root = origin.ofMemory(useTime, addressOf("pt.y"), 4);
        List<OriginNode> chain = firstDataChain(root);
        List<Integer> lines = instructionLines(chain);
        assertEquals(marker("origin_store_field"), lines.get(0), "the store through p: " + chain);
        assertTrue(lines.contains(marker("origin_call_set")), "the argument 7 set up at the call: " + lines);
        assertEquals(Kind.CONSTANT, last(chain).kind());
        assertEquals(7, last(chain).fact("value"));
        // The store's address came from p: listed apart, as an address.
        List<OriginNode> storeInputs = origin.expand(chain.get(1).id());
        assertTrue(storeInputs.stream().anyMatch(n -> n.role() == Role.ADDRESS && n.kind() == Kind.REGISTER), storeInputs.toString());
        assertEquals(0, storeInputs.stream().filter(n -> n.role() == Role.DATA).findFirst().orElseThrow().tid() - chain.get(1).tid());
    }

    @Test
    void aByteReadFromStdinEndsAtTheReadWithItsOffsets() {
        List<OriginNode> chain = firstDataChain(origin.ofMemory(useTime, addressOf("got"), 1));
        OriginNode read = last(chain);
        assertEquals(Kind.SYSCALL, read.kind(), chain.toString());
        assertEquals(0, read.fact("number"), "read(2)");
        assertEquals(0, read.fact("fd"));
        assertEquals(2, read.fact("bufferOffset"), "buf[2]");
        assertEquals(4 + 2, read.fact("streamOffset"), "after the 4 bytes the first read took");
        assertEquals('g', read.value()[0]);
        assertEquals(List.of(marker("origin_got"), marker("origin_got")), instructionLines(chain));
        assertEquals(marker("origin_read"), callerLine(read.time()), "the read called on the origin_read line");
    }

    /** The line of the fixture's call that led to the system call at {@code time}: the latest call made from the fixture's own code. */
    private static int callerLine(long time) {
        List<dev.hindsight.index.CallRecord> calls = index.calls(0, time);
        for (int i = calls.size() - 1; i >= 0; i--) {
            var at = replay.symbols().sourceAt(calls.get(i).pc());
            if (calls.get(i).kind() == dev.hindsight.index.StepKind.CALL && at.isPresent() && at.get().line().file().endsWith(FIXTURE)) {
                return at.get().line().line();
            }
        }
        return -1;
    }

    @Test
    void aSumAcrossTwoFunctionsFollowsBothInputs() {
        Set<Integer> lines = new HashSet<>();
        List<OriginNode> leaves = new ArrayList<>();
        ArrayDeque<OriginNode> todo = new ArrayDeque<>(List.of(origin.ofMemory(useTime, addressOf("sum"), 8)));
        int seen = 0;
        while (!todo.isEmpty() && seen++ < 400) {
            OriginNode n = todo.poll();
            if (n.kind() == Kind.INSTRUCTION) lines.add(line(n.pc()));
            if (!n.expandable()) leaves.add(n);
            else for (OriginNode c : origin.expand(n.id())) if (c.role() == Role.DATA) todo.add(c);
        }
        assertTrue(todo.isEmpty(), "the data tree is finite and small: " + seen);
        assertTrue(lines.containsAll(List.of(marker("origin_plus"), marker("origin_twice"), marker("origin_sum"), marker("origin_a"))), lines.toString());
        assertTrue(leaves.stream().anyMatch(l -> l.kind() == Kind.CONSTANT && l.fact("value") == 42), "c's 42 through twice: " + leaves);
        OriginNode read = leaves.stream().filter(l -> l.kind() == Kind.SYSCALL).findFirst().orElse(null);
        assertNotNull(read, "n, the second read's result, through plus: " + leaves);
        assertEquals(INPUT.length() - 4, read.fact("result"));
    }

    @Test
    void aRegisterAfterASystemCallComesFromIt() {
        long store = index.lastWriteBefore(addressOf("n"), 8, useTime).time();
        assertEquals(marker("origin_read"), line(index.pcAt(store)), "n = the result");
        OriginNode rax = origin.ofRegister(store, "rax");
        // With the system-call buffer (the default) the result reaches rax through the buffer
        // library's copies of it (mov rbx, rax ... mov rax, rbx): code the user never wrote, so
        // the call itself is rax's writer.
        List<OriginNode> writers = origin.expand(rax.id());
        OriginNode call = writers.get(0);
        assertEquals(Kind.SYSCALL, call.kind(), writers.toString());
        assertEquals(1, writers.size(), writers.toString());
        assertTrue(bufferLibrary().contains(index.pcAt(call.time())), "the buffered read, made in the library: " + call);
        assertEquals(0, call.fact("number"), "read(2)");
        assertEquals(INPUT.length() - 4, call.fact("result"));
        assertEquals(INPUT.length() - 4, java.nio.ByteBuffer.wrap(rax.value()).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong());
        assertEquals(INPUT.length() - 4, java.nio.ByteBuffer.wrap(call.value()).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(),
                "the value the call returned");
    }

    @Test
    void noNodeOfATreeThroughABufferedReadLiesInTheBufferLibrary() {
        LoadedModule library = bufferLibrary();
        long store = index.lastWriteBefore(addressOf("n"), 8, useTime).time();
        for (OriginNode root : List.of(origin.ofRegister(store, "rax"), origin.ofMemory(useTime, addressOf("n"), 8),
                origin.ofMemory(useTime, addressOf("got"), 1), origin.ofMemory(useTime, addressOf("sum"), 8))) {
            // Addresses too: the stack pointer after the wrapper returned was last set by its ret.
            List<OriginNode> nodes = tree(root, role -> true);
            List<OriginNode> inLibrary = nodes.stream().filter(n -> n.kind() != Kind.SYSCALL && library.contains(pcOf(n))).toList();
            assertEquals(List.of(), inLibrary, "hops inside " + library.path() + " in the tree of " + root.label());
            List<OriginNode> data = tree(root, role -> role == Role.DATA);
            assertTrue(data.stream().anyMatch(n -> n.kind() == Kind.SYSCALL && n.fact("number") == 0), "the read ends the tree of " + root.label() + ": " + data);
        }
    }

    @Test
    void aValueLibcComputedKeepsItsHopInLibc() {
        long store = index.lastWriteBefore(addressOf("len"), 8, useTime).time();
        assertEquals(marker("origin_strlen"), line(index.pcAt(store)), "len = strlen's result");
        OriginNode rax = origin.ofRegister(store, "rax");
        assertEquals(3, java.nio.ByteBuffer.wrap(rax.value()).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(), "strlen(\"abc\")");
        OriginNode writer = origin.expand(rax.id()).get(0);
        assertEquals(Kind.INSTRUCTION, writer.kind(), writer.toString());
        String module = replay.symbols().modulesNow().moduleAt(writer.pc()).map(LoadedModule::path).orElse("?");
        assertTrue(module.matches(".*[/-]libc\\.so[.0-9]*"), "strlen's own instruction, in libc: " + module + " " + writer);
    }

    /** The system-call buffer's preload library, as the replay's modules show it: the one defining the wrappers' untraced syscall instruction. */
    private static LoadedModule bufferLibrary() {
        return replay.symbols().modulesNow().modules().stream()
                .filter(m -> m.elf().symbols().all().stream().anyMatch(s -> s.name().equals("hs_untraced_syscall_insn")))
                .findFirst().orElseThrow(() -> new AssertionError("no system-call buffer library in " + replay.symbols().modulesNow().modules()));
    }

    /** Where a node is in the code: an instruction's (or a register's) pc, or the pc of the instruction then reading the memory. */
    private static long pcOf(OriginNode n) {
        return n.kind() == Kind.MEMORY ? index.pcAt(n.time()) : n.pc();
    }

    /** The nodes of a tree, breadth first, through the children of the roles {@code follow} accepts (at most 400). */
    private static List<OriginNode> tree(OriginNode root, java.util.function.Predicate<Role> follow) {
        List<OriginNode> nodes = new ArrayList<>();
        ArrayDeque<OriginNode> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty() && nodes.size() < 400) {
            OriginNode n = todo.poll();
            nodes.add(n);
            if (n.expandable()) for (OriginNode c : origin.expand(n.id())) if (follow.test(c.role())) todo.add(c);
        }
        return nodes;
    }
}
