package dev.hindsight.trace;

import dev.hindsight.tracer.regs.Registers;
import java.io.PrintStream;
import java.util.List;

/** Prints one line per stop: text for people, or a JSON object for programs. */
final class StopPrinter {
    /** The registers a JSON stop carries ({@link JsonStopWriter#REGISTERS}). */
    static final List<String> JSON_REGISTERS = JsonStopWriter.REGISTERS;

    private final PrintStream out;
    private final JsonStopWriter json;
    private Registers previous;

    StopPrinter(PrintStream out, boolean json) {
        this.out = out;
        this.json = json ? new JsonStopWriter() : null;
    }

    /**
     * Prints a stop; before an instruction that may block in the kernel (a read from the
     * terminal) everything printed so far is flushed, so interactive use sees it.
     */
    void print(Registers regs, PcDescriptions.Description where) {
        if (json != null) {
            json.write(regs, where, out);
        } else {
            StringBuilder line = new StringBuilder(String.format("0x%x %-24s %-40s", regs.pc(),
                    "<" + (where.symbol() != null ? where.symbol() : "??") + ">", where.insn()));
            for (String r : regs.changedSince(previous)) {
                if (!r.equals(regs.architecture().pcRegister())) line.append(' ').append(r).append("=0x").append(Long.toHexString(regs.get(r)));
            }
            out.println(line.toString().stripTrailing());
            previous = regs;
        }
        if (where.syscall()) out.flush();
    }
}
