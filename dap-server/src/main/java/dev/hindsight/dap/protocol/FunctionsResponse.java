package dev.hindsight.dap.protocol;

import java.util.List;

/**
 * The body of {@code hindsight/functions}: the program's own functions (those its debug
 * information describes), lowest address first. A function's code is its {@code ranges}
 * ({@code start} inclusive, {@code end} exclusive, hex strings as DAP memory references); its
 * {@code slots} are the parameters and locals at a fixed {@code offset} from {@code %rbp}.
 */
public record FunctionsResponse(List<Function> functions) {
    public record Function(String name, List<Range> ranges, List<Slot> slots) {}

    public record Range(String start, String end) {}

    public record Slot(String name, long offset, boolean parameter) {}
}
