package dev.hindsight.dap.variables;

import dev.hindsight.dap.session.Handles;
import java.util.List;
import org.eclipse.lsp4j.debug.Variable;

/** What a {@code variablesReference} stands for: a scope, or the children of an expandable value. */
public interface Container {
    /** Children {@code start} .. {@code start+count-1}; {@code count} 0 means all from {@code start}. */
    List<Variable> variables(int start, int count, boolean hex, Handles handles);

    /** Elements {@code start} .. {@code start+count-1} of a list, clipped ({@code count} 0: to the end). */
    static <T> List<T> page(List<T> all, int start, int count) {
        int from = Math.min(start, all.size());
        return all.subList(from, count > 0 ? (int) Math.min(all.size(), (long) from + count) : all.size());
    }

    /** Assigns {@code value} to the child called {@code name} and returns it as it reads back. */
    Variable set(String name, String value, boolean hex, Handles handles);

    /** Whether its children are registers (a write may move the frame: the stack is stale too). */
    default boolean holdsRegisters() {
        return false;
    }
}
