package dev.hindsight.trace;

import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.disasm.Disassembler;
import dev.hindsight.tracer.disasm.Instruction;
import dev.hindsight.tracer.disasm.InstructionFormatter;
import dev.hindsight.tracer.disasm.Syntax;
import dev.hindsight.tracer.elf.ModuleMap;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a stop shows of its pc, {@code symbol+offset} and the instruction's text, kept per pc: a
 * loop's pcs recur, and symbolizing and disassembling them again cost most of a stop's Java time.
 *
 * <p>{@link #atStop} describes as the engine does for a stopped program (a symbol lookup outside
 * every known module makes it read the memory map again). {@link #whileTracing}, on the engine's
 * thread inside {@link Target#trace}, answers only what that would answer: a remembered
 * description whose instruction bytes are still those in memory (code may be rewritten), made
 * with the same module map, every symbol lookup of which fell inside a known module (so no
 * re-read could have changed it); else null, and the caller stops to describe with {@link #atStop}.
 */
final class PcDescriptions {
    /**
     * The text of a stop's pc; {@code symbol} null where there is none; {@code code} the
     * instruction's bytes; {@code syscall} when stepping it may block in the kernel (output is
     * flushed first); {@code certain} when a stop later, with the same module map and code, would
     * describe it the same way.
     */
    record Description(String symbol, String insn, byte[] code, boolean syscall, boolean certain) {
        boolean sameCode(byte[] memory) {
            return code != null && memory.length >= code.length && Arrays.equals(code, 0, code.length, memory, 0, code.length);
        }
    }

    private final Target target;
    private final InstructionFormatter formatter;
    private final Map<Long, Description> byPc = new HashMap<>();
    /** The module map the remembered descriptions were made with. */
    private ModuleMap modules;
    private boolean readsWhileTracing = true;
    /** Set while describing when a lookup found no module, which a stopped engine would have re-read the map for. */
    private boolean unsure;

    PcDescriptions(Target target, Syntax syntax) {
        this.target = target;
        this.formatter = new InstructionFormatter(this::symbolize, syntax);
    }

    /** The program is stopped: described as the engine describes it, and remembered. */
    Description atStop(long pc) {
        return describe(pc, target.disassembly().instructionAt(pc));
    }

    /**
     * On the engine's thread during {@link Target#trace}: the description {@link #atStop} would
     * give, or null when only a stop can tell (or the backend cannot read memory while tracing).
     */
    Description whileTracing(long pc) {
        if (!readsWhileTracing) return null;
        byte[] code;
        try {
            code = target.memory().readAnyTime(pc, Disassembler.MAX_INSTRUCTION_LENGTH);
        } catch (UnsupportedOperationException e) {
            readsWhileTracing = false; // a replay's backend reads memory only while stopped
            return null;
        }
        Description d = target.symbols().modules() == modules ? byPc.get(pc) : null;
        if (d == null || !d.sameCode(code)) d = describe(pc, target.disassembly().instructionAtAnyTime(pc));
        return d.certain() ? d : null;
    }

    private Description describe(long pc, Optional<Instruction> insn) {
        unsure = false;
        Optional<String> symbol = symbolize(pc);
        String text = insn.map(formatter::format).orElse("(unreadable)");
        Description d = new Description(symbol.orElse(null), text, insn.map(Instruction::bytes).orElse(null),
                insn.map(i -> i.isSyscall() || i.isInterrupt()).orElse(false),
                !unsure && symbol.isPresent() && insn.isPresent());
        remember(pc, d);
        return d;
    }

    private void remember(long pc, Description d) {
        ModuleMap now = target.symbols().modules();
        if (now != modules) {
            byPc.clear();
            modules = now;
        }
        byPc.put(pc, d);
    }

    private Optional<String> symbolize(long address) {
        Optional<String> s = target.symbols().symbolize(address);
        if (s.isEmpty() && target.symbols().modules().moduleAt(address).isEmpty()) unsure = true;
        return s;
    }
}
