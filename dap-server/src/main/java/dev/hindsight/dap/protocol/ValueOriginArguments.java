package dev.hindsight.dap.protocol;

/**
 * Arguments of {@code hindsight/valueOrigin}: what to trace back, at the current time — an
 * {@code expression} (in {@code frameId}, default the innermost frame: the bytes of the object
 * it names), a {@code register} ({@code rax}, {@code eax}, {@code xmm0}…), or a memory range
 * ({@code address} {@code 0x…} and {@code length}, default 8) — or the {@code id} of a node
 * answered before, whose children are asked for.
 */
public record ValueOriginArguments(String expression, Integer frameId, String register, String address, Integer length,
                                   String id) { }
