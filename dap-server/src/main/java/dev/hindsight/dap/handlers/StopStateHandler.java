package dev.hindsight.dap.handlers;

import dev.hindsight.dap.protocol.StopStateArguments;
import dev.hindsight.dap.protocol.StopStateResponse;
import dev.hindsight.dap.session.Session;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import dev.hindsight.tracer.regs.Registers;
import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.ReadMemoryResponse;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;

/**
 * The custom {@code stopState}: the stopped thread's stack, its innermost frame's scopes and their
 * variables in one answer. Sent right behind a step request, it waits for that step's stop and
 * is answered just after its stopped event (in the same write), so a client that shows the
 * program's state at every stop needs one round trip per step instead of four.
 */
public final class StopStateHandler extends RequestHandler {
    private final StackHandlers stack;
    private final VariableHandlers variables;
    private final MemoryHandlers memory;

    public StopStateHandler(Session session, StackHandlers stack, VariableHandlers variables, MemoryHandlers memory) {
        super(session);
        this.stack = stack;
        this.variables = variables;
        this.memory = memory;
    }

    public CompletableFuture<StopStateResponse> stopState(StopStateArguments args) {
        CompletableFuture<StopStateResponse> answer = new CompletableFuture<>();
        Integer levels = args == null ? null : args.levels();
        StopStateArguments.MemoryAround around = args == null ? null : args.memory();
        if (around != null) {
            // Checked now: a mistake is answered at once, not at a stop that may never come.
            check(around.register() != null && Registers.isName(around.register()),
                    "memory.register must name a register, not '" + around.register() + "'");
            check(around.count() != null && around.count() >= 0, "memory.count must be given and not negative");
        }
        session.execution().atNextReportedStop(() -> {
            try {
                answer.complete(state(levels, around));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        }, answer::completeExceptionally);
        return answer;
    }

    private StopStateResponse state(Integer levels, StopStateArguments.MemoryAround around) {
        int tid = session.stoppedTarget().currentThread();
        StackTraceArguments st = new StackTraceArguments();
        st.setThreadId(tid);
        st.setLevels(levels);
        StackTraceResponse trace = stack.stackTrace(st);
        StackFrame[] frames = trace.getStackFrames();
        Scope[] scopes = new Scope[0];
        Map<Integer, Variable[]> values = new LinkedHashMap<>();
        if (frames.length > 0) {
            ScopesArguments sa = new ScopesArguments();
            sa.setFrameId(frames[0].getId());
            scopes = stack.scopes(sa).getScopes();
            for (Scope s : scopes) {
                if (s.isExpensive()) continue;
                VariablesArguments va = new VariablesArguments();
                va.setVariablesReference(s.getVariablesReference());
                values.put(s.getVariablesReference(), variables.variables(va).getVariables());
            }
        }
        ReadMemoryResponse bytes = around == null ? null : memoryAround(tid, around);
        var recording = session.recording();
        return new StopStateResponse(tid, frames, trace.getTotalFrames(), scopes, values, bytes,
                recording.map(r -> r.travel().now()).orElse(null), recording.map(r -> r.travel().length()).orElse(null));
    }

    private ReadMemoryResponse memoryAround(int tid, StopStateArguments.MemoryAround around) {
        long base = session.stoppedTarget().registers().of(tid).get(around.register());
        ReadMemoryArguments ra = new ReadMemoryArguments();
        ra.setMemoryReference("0x" + Long.toHexString(base));
        ra.setOffset(around.offset() == null ? 0 : around.offset());
        ra.setCount(around.count());
        return memory.readMemory(ra);
    }
}
