package dev.hindsight.dap.protocol;

import java.util.Map;
import org.eclipse.lsp4j.debug.ReadMemoryResponse;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.Variable;

/**
 * The body of the custom {@code stopState} response: what a client asks for first at every stop,
 * in the standard shapes. {@code threadId} is the thread that stopped; {@code stackFrames} and
 * {@code totalFrames} as {@code stackTrace} answers them; {@code scopes} of the innermost frame
 * as {@code scopes} answers them; {@code variables} maps each inexpensive scope's
 * {@code variablesReference} to what {@code variables} answers for it. Every reference stays valid
 * until the program resumes, as if the client had made those requests. {@code memory}, when
 * asked for, is what {@code readMemory} answers around a register.
 */
public final class StopStateResponse {
    private Integer threadId;
    private StackFrame[] stackFrames;
    private Integer totalFrames;
    private Scope[] scopes;
    private Map<Integer, Variable[]> variables;
    private ReadMemoryResponse memory;

    /** The memory asked for, as {@code readMemory} answers it; absent when none was asked. */
    public ReadMemoryResponse getMemory() {
        return memory;
    }

    public void setMemory(ReadMemoryResponse memory) {
        this.memory = memory;
    }

    public Integer getThreadId() {
        return threadId;
    }

    public void setThreadId(Integer threadId) {
        this.threadId = threadId;
    }

    public StackFrame[] getStackFrames() {
        return stackFrames;
    }

    public void setStackFrames(StackFrame[] stackFrames) {
        this.stackFrames = stackFrames;
    }

    public Integer getTotalFrames() {
        return totalFrames;
    }

    public void setTotalFrames(Integer totalFrames) {
        this.totalFrames = totalFrames;
    }

    public Scope[] getScopes() {
        return scopes;
    }

    public void setScopes(Scope[] scopes) {
        this.scopes = scopes;
    }

    public Map<Integer, Variable[]> getVariables() {
        return variables;
    }

    public void setVariables(Map<Integer, Variable[]> variables) {
        this.variables = variables;
    }
}
