package dev.hindsight.mi.cli;

import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.session.MiSession;
import dev.hindsight.tracer.disasm.Instruction;
import dev.hindsight.tracer.disasm.InstructionFormatter;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * {@code x/Ni ADDR}: N instructions from ADDR, one a line, in gdb's form: {@code => } marks the
 * selected frame's pc, other lines are indented as far; then the address, its symbol and a tab
 * before the instruction as {@code -data-disassemble} writes it. An address whose bytes cannot be
 * read ends the listing as gdb ends it: the line's head, then the error.
 */
final class ExamineInstructions {
    private ExamineInstructions() {}

    static void show(MiSession s, CodeView t, long address, int count, LongConsumer next) {
        InstructionFormatter fmt = InstructionFormatter.likeGdb(t::symbolize, t.syntax());
        long pc = t.pc(s);
        long at = address;
        for (int n = 0; n < count; n++) {
            StringBuilder head = new StringBuilder(at == pc ? "=> " : "   ").append("0x").append(Long.toHexString(at));
            final long here = at;
            t.symbolize(here).ifPresent(sym -> head.append(" <").append(sym).append('>'));
            head.append(":\t");
            Optional<Instruction> i = t.instructionAt(at);
            if (i.isEmpty()) {
                s.out().console(head.toString());
                next.accept(at + 1);
                throw new MiException("Cannot access memory at address 0x" + Long.toHexString(at));
            }
            s.out().console(head.append(fmt.format(i.get())).append('\n').toString());
            at = i.get().nextAddress();
        }
        next.accept(at);
    }
}
