package dev.hindsight.tracer.aarch64;

import dev.hindsight.tracer.LaunchSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arm64 guest's own gdb (Debian's {@code gdb-minimal}, a native AArch64 gdb, put in the guest
 * by {@code misc/aarch64/build-guest.sh}) as the oracle of the AArch64 tests. One batch run per
 * test: a list of CLI commands, each one's output handed back separately. The program runs as
 * {@link LaunchSpec#of} runs it for Hindsight: the same absolute path, exactly this JVM's
 * environment (gdb's LINES and COLUMNS removed, no shell), ASLR off, so its stack, and so its sp,
 * x29 and the stack addresses in other registers, are the same. gdb-minimal has no Python: the
 * answers are read from the CLI's text by the parsers below (frame arguments not printed, so a
 * frame line's shape does not depend on values).
 */
public final class GuestGdb {
    private static final String MARK = "@@oracle ";
    private static final List<String> SETTINGS = List.of("set pagination off", "set confirm off", "set width 0",
            "set startup-with-shell off", "set print frame-arguments none", "set debuginfod enabled off",
            "unset environment LINES", "unset environment COLUMNS");

    private GuestGdb() {}

    /** What each of the commands printed (stdout and stderr), in their order. */
    public static List<String> run(Path binary, List<String> commands) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("env", "-i"));
        cmd.addAll(LaunchSpec.of(binary).environment());
        cmd.addAll(List.of("gdb", "-nx", "-batch"));
        for (String s : SETTINGS) cmd.addAll(List.of("-ex", s));
        for (int i = 0; i < commands.size(); i++) cmd.addAll(List.of("-ex", "echo \\n" + MARK + i + "\\n", "-ex", commands.get(i)));
        cmd.addAll(List.of("-ex", "echo \\n" + MARK + "end\\n", binary.toAbsolutePath().toString()));
        // The program inherits gdb's stdio: pipes, as Hindsight gives its programs.
        long started = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("gdb timed out: " + log);
        }
        // Its share of the guest suite's time (the CI budget), in the log.
        System.out.printf("guest gdb: %d commands on %s in %d ms%n", commands.size(), binary.getFileName(), (System.nanoTime() - started) / 1_000_000);
        List<String> outputs = new ArrayList<>();
        StringBuilder current = null;
        for (String line : log.split("\n", -1)) {
            if (line.startsWith(MARK)) {
                if (current != null) outputs.add(current.toString().strip());
                current = new StringBuilder();
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        if (outputs.size() != commands.size()) throw new IllegalStateException("gdb answered " + outputs.size() + " of " + commands.size() + " commands:\n" + log);
        return outputs;
    }

    /**
     * Commands that stop the program at its first instruction and zero the 16 AT_RANDOM bytes at
     * {@code atRandom} (which {@code info auxv}, the first command's output, must show), so that the
     * stack canary and pointer guard the C library derives from them, and the registers that hold
     * them, are the same in gdb's run and in Hindsight's that zeroes them likewise.
     */
    static List<String> startWithoutSecrets(long atRandom) {
        String a = "0x" + Long.toHexString(atRandom);
        return List.of("starti", "info auxv", "set {long long}" + a + " = 0", "set {long long}(" + a + " + 8) = 0");
    }

    /** {@code info registers} (or {@code info registers NAME…}): each name's raw value. */
    public static Map<String, Long> registers(String output) {
        Map<String, Long> regs = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^(\\w+)\\s+0x([0-9a-f]+)\\s").matcher(output);
        while (m.find()) regs.put(m.group(1), Long.parseUnsignedLong(m.group(2), 16));
        if (regs.isEmpty()) throw new IllegalStateException("no registers in: " + output);
        return regs;
    }

    /** A frame of {@code bt} (or the frame line of {@code frame}): function, and the line when it has one (else 0). */
    record Frame(String function, int line) {}

    /** {@code bt}: the frames, innermost first. */
    static List<Frame> frames(String output) {
        List<Frame> frames = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^#\\d+\\s+(?:0x[0-9a-f]+ in )?(\\S+) \\([^)]*\\)(?: at \\S+:(\\d+))?").matcher(output);
        while (m.find()) frames.add(new Frame(m.group(1), m.group(2) == null ? 0 : Integer.parseInt(m.group(2))));
        if (frames.isEmpty()) throw new IllegalStateException("no frames in: " + output);
        return frames;
    }

    /** {@code info locals} or {@code info args}: each name's value as gdb prints it. */
    static Map<String, String> variables(String output) {
        Map<String, String> vars = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^(\\w+) = (.*)$").matcher(output);
        while (m.find()) vars.put(m.group(1), m.group(2));
        return vars;
    }

    /** {@code print EXPR} or {@code finish}: the value after {@code $N = }. */
    public static String value(String output) {
        Matcher m = Pattern.compile("(?m)(?:^|Value returned is )\\$\\d+ = (.*)$").matcher(output);
        if (!m.find()) throw new IllegalStateException("no value in: " + output);
        return m.group(1);
    }

    /** {@code continue} to the end: the exit code ("exited normally" is 0; gdb prints others in octal). */
    static int exitCode(String output) {
        if (output.contains("exited normally")) return 0;
        Matcher m = Pattern.compile("exited with code (\\d+)").matcher(output);
        if (!m.find()) throw new IllegalStateException("the program did not exit: " + output);
        return Integer.parseInt(m.group(1), 8);
    }
}
