package dev.hindsight.index.origin;

import dev.hindsight.index.IndexReader;
import dev.hindsight.index.Syscall;
import dev.hindsight.index.Write;
import dev.hindsight.index.origin.OriginNode.Kind;
import dev.hindsight.index.origin.OriginNode.Role;
import dev.hindsight.tracer.disasm.Disassembler;
import dev.hindsight.tracer.disasm.Syntax;
import dev.hindsight.tracer.effects.OperandDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * "Where did this value come from": a register or memory range at a time, expanded lazily into
 * the instructions that wrote it and what they read, down to constants, the initial state,
 * mappings, system calls and signals (see the package documentation). Thread-safe.
 */
public final class ValueOrigin implements AutoCloseable {
    /** How far back (instructions) a register's writer is looked for before the answer says the bound was hit. */
    public static final long DEFAULT_REGISTER_WALK = 4_000_000;
    /**
     * The system-call buffer's preload library as mapped: the recorder builds it as
     * {@code syscallbuf-<hash of its source>.so} (tracer's {@code record.SyscallBuffer.library}; a
     * confined recording maps a copy of the same name), and the index, built from a replay, sees
     * the trace's copy of it, {@code files/N-syscallbuf-<hash>.so} ({@code record.TraceFiles}).
     */
    private static final Pattern BUFFER_LIBRARY = Pattern.compile("(^|/)([0-9]+-)?syscallbuf-[0-9a-f]+\\.so( \\(deleted\\))?$");
    /** How many library steps a value is followed through before a LIMIT leaf says so (its wrappers take a handful). */
    private static final int MAX_LIBRARY_HOPS = 32;

    private final IndexReader index;
    private final long registerWalk;
    private final Map<Long, Optional<InstructionFlow>> flows = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> bufferLibrary = new ConcurrentHashMap<>();
    private final Disassembler disassembler = new Disassembler(Syntax.INTEL);
    private final Inputs inputs;
    private final long[] signalTimes;
    private final int[] signos;

    public ValueOrigin(IndexReader index) { this(index, DEFAULT_REGISTER_WALK); }

    public ValueOrigin(IndexReader index, long registerWalk) {
        this.index = index;
        this.registerWalk = registerWalk;
        this.inputs = new Inputs(index);
        var signals = index.signals();
        signalTimes = signals.stream().mapToLong(s -> s.time()).toArray();
        signos = signals.stream().mapToInt(s -> s.signo()).toArray();
    }

    /** The root for memory [address, address+length) before instruction {@code time}. */
    public OriginNode ofMemory(long time, long address, int length) {
        check(time);
        if (length <= 0) throw new IllegalArgumentException("a memory range needs a length");
        return memory(time, address, length, Role.DATA, null);
    }

    /** The root for a register ({@code rax}, {@code eax}, {@code al}, {@code r9d}, {@code xmm0}) of the thread running instruction {@code time}, before it runs. */
    public OriginNode ofRegister(long time, String register) {
        check(time);
        RegisterName r = RegisterName.of(register);
        if (r == null) throw new IllegalArgumentException("no origin for register " + register + " (general and vector registers only)");
        return register(time, r, Role.DATA);
    }

    /** The children of a node by its id (empty for a leaf). */
    public List<OriginNode> expand(String id) {
        String[] p = id.split(":");
        try {
            return switch (p[0]) {
                case "m" -> expandMemory(Long.parseLong(p[1]), Long.parseLong(p[2]), Integer.parseInt(p[3]), 0);
                case "r" -> expandRegister(Long.parseLong(p[1]), RegisterName.of(p[2]), 0);
                case "i" -> expandInstruction(Long.parseLong(p[1]));
                default -> List.of();
            };
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException && !(e instanceof NumberFormatException)) throw e;
            throw new IllegalArgumentException("not an origin node id: " + id, e);
        }
    }

    private void check(long time) {
        if (time < 0 || time >= index.instructionCount()) {
            throw new IllegalArgumentException("time " + time + " is outside the run [0, " + index.instructionCount() + ")");
        }
    }

    // ---- nodes

    private OriginNode memory(long time, long address, int length, Role role, String label) {
        return new OriginNode("m:" + time + ":" + address + ":" + length, Kind.MEMORY, role,
                label != null ? label : length + " bytes at 0x" + Long.toHexString(address), time, -1, index.threadAt(time), null,
                address, index.memoryAt(time, address, length), Map.of("length", (long) length), true);
    }

    private OriginNode register(long time, RegisterName r, Role role) {
        long[] regs = index.registersAt(time);
        byte[] value = r.bytes(regs, r.vector() ? index.fxsaveAt(time) : null);
        return new OriginNode("r:" + time + ":" + r.name(), Kind.REGISTER, role, r.name(), time, regs[16], index.threadAt(time), r.name(),
                -1, value, Map.of(), true);
    }

    private OriginNode instruction(long time, Role role, long address, byte[] wrote) {
        long pc = index.pcAt(time);
        String text = disassembler.decodeOne(code(time, pc), pc).map(i -> (i.mnemonic() + " " + i.operands()).trim()).orElse("(bad)");
        boolean reads = flow(pc, time).map(f -> !f.reads().isEmpty()).orElse(false);
        return new OriginNode("i:" + time, Kind.INSTRUCTION, role, text, time, pc, index.threadAt(time), null, address, wrote, Map.of(), reads);
    }

    private OriginNode leaf(String id, Kind kind, String label, long time, byte[] value, Map<String, Long> facts) {
        long pc = time >= 0 && time < index.instructionCount() ? index.pcAt(time) : -1;
        int tid = time >= 0 && time < index.instructionCount() ? index.threadAt(time) : -1;
        return new OriginNode(id, kind, Role.DATA, label, time, pc, tid, null, -1, value, facts, false);
    }

    // ---- expansion

    private List<OriginNode> expandMemory(long time, long address, int length, int depth) {
        List<OriginNode> out = new ArrayList<>();
        boolean[] covered = new boolean[length];
        for (Write w : index.lastWrites(time, address, length)) {
            long lo = Math.max(w.address(), address), hi = Math.min(w.end(), address + length);
            for (long a = lo; a < hi; a++) covered[(int) (a - address)] = true;
            out.addAll(w.kernel() ? List.of(kernel(w, lo, hi)) : shown(instruction(w.time(), Role.DATA, w.address(), w.bytes()), depth));
        }
        for (int i = 0; i < length; ) {
            if (covered[i]) { i++; continue; }
            int j = i;
            while (j < length && !covered[j]) j++;
            out.add(unwritten(time, address + i, j - i));
            i = j;
        }
        return distinct(out);
    }

    /** Bytes no write made: the initial image, a mapping, or nothing known. */
    private OriginNode unwritten(long time, long address, int length) {
        IndexReader.Mapping m = index.mappingAt(time, address);
        byte[] value = index.memoryAt(time, address, length);
        if (m == null) return leaf("u:" + time + ":" + address, Kind.LIMIT, "nothing is mapped at 0x" + Long.toHexString(address), time, null, Map.of());
        Map<String, Long> facts = new LinkedHashMap<>();
        facts.put("regionStart", m.region().start());
        facts.put("offset", address - m.region().start());
        String where = (m.region().name().isEmpty() ? "anonymous memory" : m.region().name()) + " + 0x" + Long.toHexString(address - m.region().start());
        if (m.time() < 0) return leaf("init:" + address + ":" + length, Kind.INITIAL, "initial memory: " + where, -1, value, facts);
        facts.put("mappedAt", m.time());
        return leaf("map:" + m.time() + ":" + address + ":" + length, Kind.MAPPED, "mapped at time " + m.time() + ": " + where, m.time(), value, facts);
    }

    /** What the kernel wrote to [lo, hi) during instruction {@code w.time()}: a system call's results or a signal frame. */
    private OriginNode kernel(Write w, long lo, long hi) {
        byte[] value = java.util.Arrays.copyOfRange(w.bytes(), (int) (lo - w.address()), (int) (hi - w.address()));
        Syscall s = inputs.syscallAt(w.time());
        if (s != null) return syscall(s, lo, value);
        int k = java.util.Arrays.binarySearch(signalTimes, w.time() + 1);
        if (k >= 0) return signal(k, value);
        return leaf("k:" + w.time(), Kind.LIMIT, "written by the kernel during instruction " + w.time(), w.time(), value, Map.of());
    }

    private OriginNode syscall(Syscall s, long byteAddress, byte[] value) {
        Map<String, Long> facts = inputs.facts(s, byteAddress);
        String label = Inputs.name(s.number()) + "(" + s.args()[0] + ", ...) = " + s.result();
        if (facts.containsKey("streamOffset")) label += ": byte " + facts.get("streamOffset") + " of fd " + facts.get("fd");
        OriginNode n = leaf("s:" + s.time() + ":" + byteAddress, Kind.SYSCALL, label, s.time(), value, facts);
        return new OriginNode(n.id(), n.kind(), n.role(), n.label(), n.time(), n.pc(), n.tid(), null, byteAddress, value, facts, false);
    }

    private OriginNode signal(int k, byte[] value) {
        return leaf("g:" + signalTimes[k], Kind.SIGNAL, "signal " + signos[k] + " delivered before instruction " + signalTimes[k],
                signalTimes[k], value, Map.of("signo", (long) signos[k]));
    }

    private List<OriginNode> expandRegister(long time, RegisterName r, int depth) {
        if (r == null) throw new IllegalArgumentException("unknown register");
        int tid = index.threadAt(time);
        long earliest = Math.max(0, time - registerWalk);
        long u = index.lastExecutionMatching(pc -> flow(pc, time).map(f -> f.writes(r) != null).orElse(false), tid, time, earliest);
        // A signal in between: sigreturn restores every register, delivery sets the handler's arguments and stack.
        Syscall sigreturn = inputs.lastSigreturnIn(u, time);
        if (sigreturn != null) return List.of(syscall(sigreturn, -1, null));
        int k = latestSignalIn(u + 1, time);
        if (k >= 0 && java.util.Set.of(10, 12, 13, 14, 19).contains(r.family())) return List.of(signal(k, null));
        if (u < 0) {
            if (earliest > 0) {
                return List.of(leaf("limit:" + time + ":" + r.name(), Kind.LIMIT, "no write to " + r.name() + " in the " + registerWalk
                        + " instructions before (the search bound)", earliest, null, Map.of("searchedFrom", earliest)));
            }
            byte[] value = r.bytes(index.registersAt(0), r.vector() ? index.fxsaveAt(0) : null);
            return List.of(leaf("init:" + r.name(), Kind.INITIAL, "initial " + r.name() + " of the run", 0, value, Map.of()));
        }
        InstructionFlow f = flow(index.pcAt(u), time).orElseThrow();
        byte[] after = u + 1 < index.instructionCount() ? r.bytes(index.registersAt(u + 1), r.vector() ? index.fxsaveAt(u + 1) : null) : null;
        List<OriginNode> out = new ArrayList<>();
        Syscall s = f.syscall() ? inputs.syscallAt(u) : null;
        out.addAll(s != null ? List.of(syscall(s, -1, after)) : shown(instruction(u, Role.DATA, -1, after), depth));
        if (r.partlyKeptBy(f.writes(r))) out.addAll(shown(register(u, r, Role.DATA), depth)); // the bytes it left alone
        return distinct(out);
    }

    // ---- the system-call buffer's library, seen through

    /**
     * {@code n} as the tree shows it. A write made inside the system-call buffer's preload library
     * (the wrappers of read and write the recorder adds: code the user never wrote) is replaced by
     * what it copied, and so is a register or memory as that library held it: a buffered read's
     * result reaches the caller's rax through the library's {@code mov rbx, rax} ... {@code mov rax, rbx},
     * and the tree shows the read itself as the value's writer. Addresses the library formed are its
     * own business and are dropped. Everything else (the program's code, libc, the loader) is shown as is.
     */
    private List<OriginNode> shown(OriginNode n, int depth) {
        boolean hop = switch (n.kind()) {
            case INSTRUCTION, REGISTER -> inBufferLibrary(n.time(), n.pc());
            case MEMORY -> inBufferLibrary(n.time(), index.pcAt(n.time())); // memory as the instruction then running read it
            default -> false;
        };
        if (!hop) return List.of(n);
        if (depth >= MAX_LIBRARY_HOPS) {
            return List.of(leaf("lib:" + n.id(), Kind.LIMIT, "more than " + MAX_LIBRARY_HOPS + " steps inside the system-call buffer's library",
                    n.time(), n.value(), Map.of()));
        }
        List<OriginNode> out = new ArrayList<>();
        switch (n.kind()) {
            case INSTRUCTION -> {
                for (OriginNode read : expandInstruction(n.time())) if (read.role() == Role.DATA) out.addAll(shown(read, depth + 1));
            }
            case REGISTER -> out.addAll(expandRegister(n.time(), RegisterName.of(n.register()), depth + 1));
            default -> out.addAll(expandMemory(n.time(), n.address(), (int) n.fact("length"), depth + 1));
        }
        return out;
    }

    /** Whether the code at pc (as mapped at {@code time}) is the system-call buffer's library. */
    private boolean inBufferLibrary(long time, long pc) {
        if (pc < 0) return false;
        return bufferLibrary.computeIfAbsent(pc, at -> {
            IndexReader.Mapping m = index.mappingAt(time, at);
            return m != null && BUFFER_LIBRARY.matcher(m.region().name()).find();
        });
    }

    /** The nodes without repeats (two library hops may lead to the same writer), in order. */
    private static List<OriginNode> distinct(List<OriginNode> nodes) {
        Map<String, OriginNode> byId = new LinkedHashMap<>();
        for (OriginNode n : nodes) byId.putIfAbsent(n.id(), n);
        return byId.size() == nodes.size() ? nodes : new ArrayList<>(byId.values());
    }

    private int latestSignalIn(long from, long to) {
        int k = java.util.Arrays.binarySearch(signalTimes, to);
        k = k >= 0 ? k : -k - 2;
        return k >= 0 && signalTimes[k] >= from && signalTimes[k] <= to ? k : -1;
    }

    private List<OriginNode> expandInstruction(long time) {
        long pc = index.pcAt(time);
        InstructionFlow f = flow(pc, time).orElse(null);
        if (f == null) return List.of(leaf("bad:" + time, Kind.LIMIT, "the bytes at 0x" + Long.toHexString(pc) + " do not decode", time, null, Map.of()));
        long[] regs = index.registersAt(time);
        List<OriginNode> out = new ArrayList<>();
        int n = 0;
        for (InstructionFlow.Read read : f.reads()) {
            Role role = read.address() ? Role.ADDRESS : Role.DATA;
            switch (read.source()) {
                case REGISTER -> out.add(register(time, read.register(), role));
                case CONSTANT -> out.add(leaf("c:" + time + ":" + n, Kind.CONSTANT, read.note() != null ? read.note() + ": " + read.constant()
                        : "constant " + read.constant(), time, le(read.constant()), Map.of("value", read.constant())));
                case MEMORY -> {
                    long ea = read.memory() != null ? effectiveAddress(read.memory(), f, regs) : read.stackAtRbp() ? regs[4] : regs[19];
                    out.add(memory(time, ea, read.size() > 0 ? read.size() : 8, role, null));
                }
            }
            n++;
        }
        return out;
    }

    static long effectiveAddress(OperandDecoder.Operand m, InstructionFlow f, long[] regs) {
        long ea = m.displacement();
        if ("rip".equals(m.base())) ea += f.pc() + f.length();
        else if (RegisterName.of(m.base()) != null) ea += RegisterName.of(m.base()).value(regs);
        if (RegisterName.of(m.index()) != null) ea += RegisterName.of(m.index()).value(regs) * m.scale();
        if ("fs".equals(m.segment())) ea += regs[21];
        if ("gs".equals(m.segment())) ea += regs[22];
        return ea;
    }

    /** The instruction at pc, decoded from memory as of {@code time} once per pc (code is assumed not to change). */
    private Optional<InstructionFlow> flow(long pc, long time) {
        Optional<InstructionFlow> f = flows.get(pc);
        if (f == null) {
            OperandDecoder.Instruction d = OperandDecoder.decode(code(time, pc), pc);
            f = Optional.ofNullable(d == null ? null : InstructionFlow.of(d));
            flows.put(pc, f);
        }
        return f;
    }

    private byte[] code(long time, long pc) {
        return index.memoryAt(Math.min(time, index.instructionCount() - 1), pc, Disassembler.MAX_INSTRUCTION_LENGTH);
    }

    private static byte[] le(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) b[i] = (byte) (v >>> (8 * i));
        return b;
    }

    @Override
    public void close() { disassembler.close(); }
}
