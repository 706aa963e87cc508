package dev.hindsight.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.hindsight.tracer.regs.Registers;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Prints one line per stop: text for people, or a JSON object for programs. */
final class StopPrinter {
    /** The registers a JSON stop carries: every general register, rip and eflags. */
    static final List<String> JSON_REGISTERS = List.of("rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip", "eflags");

    /** Compiled once: String.replaceAll compiled it again for every stop printed. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final PrintStream out;
    private final boolean json;
    private final JsonGenerator generator;
    private Registers previous;

    StopPrinter(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
        try {
            // The generator's flush moves its text into `out` only: a write(2) per stop was a quarter
            // of the engine thread's time. `out` is flushed before a step that may block and at exit.
            this.generator = new JsonFactory().setRootValueSeparator(null).createGenerator(out)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Prints a stop; before an instruction that may block in the kernel (a read from the
     * terminal) everything printed so far is flushed, so interactive use sees it.
     */
    void print(Registers regs, PcDescriptions.Description where) {
        List<String> changed = regs.changedSince(previous);
        Optional<String> symbol = Optional.ofNullable(where.symbol());
        String text = where.insn();
        if (json) {
            printJson(regs, symbol, text, changed);
        } else {
            StringBuilder line = new StringBuilder(String.format("0x%x %-24s %-40s", regs.rip(),
                    "<" + symbol.orElse("??") + ">", text));
            for (String r : changed) {
                if (!r.equals("rip")) line.append(' ').append(r).append("=0x").append(Long.toHexString(regs.get(r)));
            }
            out.println(line.toString().stripTrailing());
        }
        previous = regs;
        if (where.syscall()) out.flush();
    }

    private void printJson(Registers regs, Optional<String> symbol, String insn, List<String> changed) {
        try {
            generator.writeStartObject();
            generator.writeStringField("pc", hex(regs.rip()));
            generator.writeStringField("symbol", symbol.orElse(null));
            generator.writeStringField("insn", WHITESPACE.matcher(insn).replaceAll(" "));
            generator.writeObjectFieldStart("regs");
            for (String r : JSON_REGISTERS) generator.writeStringField(r, hex(regs.get(r)));
            generator.writeEndObject();
            generator.writeArrayFieldStart("changed");
            for (String r : changed) if (JSON_REGISTERS.contains(r)) generator.writeString(r);
            generator.writeEndArray();
            generator.writeEndObject();
            generator.flush();
            out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
