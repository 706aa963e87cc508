package dev.hindsight.dap.protocol;

/**
 * Arguments of the custom {@code stopState} request. {@code levels}: how many frames of the stack
 * (all, up to the server's limit, when absent); {@code memory}: bytes to read as well.
 */
public record StopStateArguments(Integer levels, MemoryAround memory) {
    /** {@code count} bytes from a register's value plus {@code offset}. */
    public record MemoryAround(String register, Integer offset, Integer count) { }
}
