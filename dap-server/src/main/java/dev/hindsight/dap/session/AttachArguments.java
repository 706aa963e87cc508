package dev.hindsight.dap.session;

/**
 * The {@code attach} configuration attributes.
 *
 * @param pid               the process to attach to
 * @param disassemblyFlavor {@code att} (default) or {@code intel}
 */
public record AttachArguments(Integer pid, String disassemblyFlavor) {}
