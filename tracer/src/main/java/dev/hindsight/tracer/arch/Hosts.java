package dev.hindsight.tracer.arch;

/** Holds {@link Architecture#host()}, decided once from {@code os.arch}. */
final class Hosts {
    static final Architecture HOST = of(System.getProperty("os.arch", ""));

    private Hosts() {}

    static Architecture of(String osArch) {
        return switch (osArch) {
            case "amd64", "x86_64" -> X86_64.INSTANCE;
            case "aarch64", "arm64" -> Aarch64.INSTANCE;
            default -> throw new IllegalStateException("Hindsight does not run on " + osArch + " (x86-64 and AArch64 only)");
        };
    }
}
