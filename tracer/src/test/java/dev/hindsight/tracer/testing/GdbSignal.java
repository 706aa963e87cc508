package dev.hindsight.tracer.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What gdb reports when a program stops on a signal: the signal name and the pc. */
public final class GdbSignal {
    public record Report(String signal, long pc) {}

    private GdbSignal() {}

    public static Report run(Path binary, String... args) {
        {
            List<String> cmd = new ArrayList<>(List.of("gdb", "-nx", "-batch", "-ex", "run", "-ex", "printf \"PC=%lx\\n\", $pc", "--args", binary.toString()));
            cmd.addAll(List.of(args));
            String out = Commands.output(cmd);
            Matcher sig = Pattern.compile("Program received signal (SIG[A-Z0-9]+)").matcher(out);
            Matcher pc = Pattern.compile("PC=([0-9a-f]+)").matcher(out);
            if (!sig.find() || !pc.find()) throw new IllegalStateException("gdb said: " + out);
            return new Report(sig.group(1), Long.parseUnsignedLong(pc.group(1), 16));
        }
    }
}
