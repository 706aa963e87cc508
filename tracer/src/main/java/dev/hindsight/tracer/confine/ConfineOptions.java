package dev.hindsight.tracer.confine;

import java.util.ArrayList;
import java.util.List;

/**
 * The command-line options of confinement, shared by {@code hindsight serve} (confined unless
 * {@code --no-confine}) and {@code hindsight dap} (unconfined unless {@code --confine}): taken out
 * of the arguments before the command parses the rest.
 *
 * @param enabled whether sessions run confined
 * @param limits  what each confined session may use
 * @param rest    the other arguments, in order
 */
public record ConfineOptions(boolean enabled, SandboxLimits limits, List<String> rest) {
    public static final String USAGE = """
              --confine / --no-confine  run every compile and program in a sandbox: own user and
                                     namespaces, no network, read-only system, limits below
              --memory-limit MIB     memory of a session's programs and compiles; default 512
              --process-limit N      processes and threads of a session at once; default 64
              --cpu-limit SECONDS    CPU time of one program run (paused time is free); default 60
              --file-size-limit MIB  the largest file a program may write; default 64
              --open-files-limit N   open files per process; default 256
            """;

    /** Takes the confinement options out of {@code args}; a bad value throws IllegalArgumentException. */
    public static ConfineOptions extract(String[] args, boolean enabledByDefault) {
        boolean enabled = enabledByDefault;
        SandboxLimits limits = SandboxLimits.DEFAULTS;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--confine" -> enabled = true;
                case "--no-confine" -> enabled = false;
                case "--memory-limit", "--process-limit", "--cpu-limit", "--file-size-limit", "--open-files-limit" -> {
                    if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value");
                    limits = apply(limits, a, args[++i]);
                }
                default -> rest.add(a);
            }
        }
        return new ConfineOptions(enabled, limits, List.copyOf(rest));
    }

    /**
     * The server's confinement (its files in {@code serverRoot}), or null when disabled; throws
     * {@link ConfinementException} when it cannot be had.
     */
    public Confinement createOrNull(java.nio.file.Path serverRoot) {
        return enabled ? Confinement.create(limits, serverRoot) : null;
    }

    public String[] restArray() {
        return rest.toArray(String[]::new);
    }

    private static SandboxLimits apply(SandboxLimits limits, String option, String value) {
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, not '" + value + "'");
        }
        if (n <= 0 || n > (1L << 30)) throw new IllegalArgumentException(option + " must be a positive number");
        try {
            return switch (option) {
                case "--memory-limit" -> limits.withMemoryBytes(n << 20);
                case "--process-limit" -> limits.withProcesses(n);
                case "--cpu-limit" -> limits.withCpuSeconds(n);
                case "--file-size-limit" -> limits.withFileSizeBytes(n << 20);
                default -> limits.withOpenFiles(n);
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }
}
