package dev.hindsight.dap.protocol;

/** Arguments of {@code hindsight/functions}: none (an empty object or none at all). */
public record FunctionsArguments() { }
