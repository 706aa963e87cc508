package dev.hindsight.tracer.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * gdb as the oracle for {@code finish} from a PLT stub: from a breakpoint at {@code file:line},
 * {@code stepi} until the pc is in a {@code name@plt} stub, {@code moreSteps} more {@code stepi}s,
 * then {@code finish}; reports the stub's name, the pc finish started from and where the finish stopped (pc, function, line). ASLR is off in gdb, so compare pcs of
 * non-PIE binaries only.
 */
public final class GdbFinishOracle {
    /** Where the stub was entered and where {@code finish} stopped. */
    public record Result(long stubPc, String stub, long pc, String function, int line) {}

    private GdbFinishOracle() {}

    public static Result fromPltStub(Path binary, String file, int line, int moreSteps) throws IOException, InterruptedException {
        return GdbScript.run(binary, List.of(), 120, out -> String.join("\n",
                "import gdb",
                "for c in ['set pagination off', 'set confirm off', 'set startup-with-shell off',",
                "          'break " + file + ":" + line + "', 'run']:",
                "    gdb.execute(c, to_string=True)",
                "for i in range(100):",
                "    gdb.execute('stepi', to_string=True)",
                "    name = gdb.selected_frame().name() or ''",
                "    if name.endswith('@plt'):",
                "        break",
                "stub = name",
                "for i in range(" + moreSteps + "):",
                "    gdb.execute('stepi', to_string=True)",
                "stubpc = int(gdb.selected_frame().pc())",
                "gdb.execute('finish', to_string=True)",
                "fr = gdb.selected_frame()",
                "with open('" + out + "', 'w') as f:",
                "    f.write('%s %x %x %s %d\\n' % (stub, stubpc, int(fr.pc()), fr.name(), fr.find_sal().line))",
                "gdb.execute('kill', to_string=True)",
                ""), out -> {
            String[] w = Files.readString(out).trim().split(" ");
            return new Result(Long.parseUnsignedLong(w[1], 16), w[0], Long.parseUnsignedLong(w[2], 16), w[3], Integer.parseInt(w[4]));
        });
    }
}
