package dev.hindsight.dap.protocol;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code hindsight/valueOrigin}: the {@code node} asked about (absent when children
 * were asked for by id) and its {@code children}. A node: its {@code id} (send it back to expand
 * it, when {@code expandable}), {@code kind} ({@code register}, {@code memory}, {@code instruction}
 * — the one that wrote the value —, {@code constant}, {@code initial}, {@code mapped},
 * {@code syscall}, {@code signal}, {@code limit}), {@code role} ({@code data}, or {@code address}:
 * it only formed a memory operand's address), a {@code label} to show, the {@code time} and
 * {@code pc} (hex) of the instruction, the {@code register} or memory {@code address} (hex), the
 * {@code value} (hex bytes, little-endian), the kind's {@code facts} (e.g. a read's fd and
 * streamOffset), and the instruction's {@code source} path and {@code line} when known.
 */
public record ValueOriginResponse(Node node, List<Node> children) {
    public record Node(String id, String kind, String role, String label, long time, String pc, int threadId,
                       String register, String address, String value, Map<String, Long> facts, boolean expandable,
                       String source, Integer line) { }
}
