package dev.hindsight.tracer.values.cxx;

import dev.hindsight.tracer.values.Value;
import java.util.List;

/**
 * A library object shown as its contents, as libstdc++'s gdb pretty printers show it.
 *
 * @param summary  {@code std::vector of length 3, capacity 4}; for strings the quoted text itself
 * @param kind     how children print: none (strings), an array {@code {1, 2}}, a map {@code {[k] = v}}
 *                 or named {@code {[0] = 1}}, {@code {get() = 0x…}}
 * @param size     number of elements (map entries)
 * @param elements reads elements {@code start .. start+count-1}
 */
public record Container(String summary, Kind kind, int size, Elements elements) {
    public enum Kind { STRING, ARRAY, MAP, NAMED }

    /** One element: its name ({@code [0]}, {@code [key]}) and value; maps also carry the key value. */
    public record Element(String name, Value key, Value value) {}

    @FunctionalInterface
    public interface Elements {
        List<Element> read(int start, int count);
    }
}
