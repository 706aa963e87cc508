package dev.hindsight.dap.protocol;

/** Arguments of {@code hindsight/goto}: a time of the recording (instruction index, 0 … length-1). */
public record GotoTimeArguments(Long time) { }
