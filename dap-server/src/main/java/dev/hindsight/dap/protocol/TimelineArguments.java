package dev.hindsight.dap.protocol;

/** Arguments of {@code hindsight/timeline}: none yet (an empty object or none at all). */
public record TimelineArguments() { }
