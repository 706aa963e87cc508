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
 * {@code variablesReference} to what {@code variables} answers for it; {@code memory}, when asked
 * for, what {@code readMemory} answers around a register. Every reference stays valid until the
 * program resumes, as if the client had made those requests. On a recording, {@code time} is the
 * time stopped at and {@code length} the recording's length (absent on a live program).
 */
public record StopStateResponse(int threadId, StackFrame[] stackFrames, Integer totalFrames, Scope[] scopes,
                                Map<Integer, Variable[]> variables, ReadMemoryResponse memory, Long time, Long length) {
}
