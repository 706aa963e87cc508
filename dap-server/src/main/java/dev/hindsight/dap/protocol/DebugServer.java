package dev.hindsight.dap.protocol;

import dev.hindsight.dap.handlers.BreakpointHandlers;
import dev.hindsight.dap.handlers.DataBreakpointHandlers;
import dev.hindsight.dap.handlers.DisassembleHandler;
import dev.hindsight.dap.handlers.ExecutionHandlers;
import dev.hindsight.dap.handlers.InitializeHandler;
import dev.hindsight.dap.handlers.LaunchHandlers;
import dev.hindsight.dap.handlers.LifecycleHandlers;
import dev.hindsight.dap.handlers.MemoryHandlers;
import dev.hindsight.dap.handlers.SourceHandlers;
import dev.hindsight.dap.handlers.StopStateHandler;
import dev.hindsight.dap.handlers.StackHandlers;
import dev.hindsight.dap.handlers.VariableHandlers;
import dev.hindsight.dap.handlers.StepBackHandler;
import dev.hindsight.dap.handlers.ReverseContinueHandler;
import dev.hindsight.dap.handlers.StepBackInHandler;
import dev.hindsight.dap.handlers.AutoStepHandler;
import dev.hindsight.dap.handlers.StepBackOutHandler;
import dev.hindsight.dap.handlers.GotoTargetsHandler;
import dev.hindsight.dap.handlers.GotoHandler;
import dev.hindsight.dap.handlers.GotoTimeHandler;
import dev.hindsight.dap.handlers.TimelineHandler;
import dev.hindsight.dap.handlers.ExecutionsHandler;
import dev.hindsight.dap.session.Session;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.eclipse.lsp4j.debug.*;

/**
 * The object LSP4J dispatches requests to. It only delegates: every request goes to its handler,
 * and whatever the handler throws becomes a failed future (an error response), never an exception.
 */
public final class DebugServer implements HindsightDebugServer {
    private final InitializeHandler initialize;
    private final LaunchHandlers launch;
    private final LifecycleHandlers lifecycle;
    private final BreakpointHandlers breakpoints;
    private final DataBreakpointHandlers dataBreakpoints;
    private final dev.hindsight.dap.handlers.ExceptionBreakpointsHandler exceptionBreakpoints;
    private final ExecutionHandlers execution;
    private final StackHandlers stack;
    private final VariableHandlers variables;
    private final StopStateHandler stopState;
    private final MemoryHandlers memory;
    private final DisassembleHandler disassembly;
    private final SourceHandlers sources;
    // On a recording only (time travel and history queries).
    private final StepBackHandler stepBack;
    private final ReverseContinueHandler reverseContinue;
    private final StepBackInHandler stepBackIn;
    private final StepBackOutHandler stepBackOut;
    private final AutoStepHandler autoStep;
    private final GotoTargetsHandler gotoTargets;
    private final GotoHandler goTo;
    private final GotoTimeHandler gotoTime;
    private final TimelineHandler timeline;
    private final ExecutionsHandler executions;
    private final dev.hindsight.dap.handlers.ValueOriginHandler valueOrigin;
    private final dev.hindsight.dap.handlers.FunctionsHandler functions;

    public DebugServer(Session session) {
        initialize = new InitializeHandler(session);
        launch = new LaunchHandlers(session);
        lifecycle = new LifecycleHandlers(session);
        breakpoints = new BreakpointHandlers(session);
        dataBreakpoints = new DataBreakpointHandlers(session, breakpoints);
        exceptionBreakpoints = new dev.hindsight.dap.handlers.ExceptionBreakpointsHandler(session);
        execution = new ExecutionHandlers(session);
        stack = new StackHandlers(session);
        variables = new VariableHandlers(session);
        memory = new MemoryHandlers(session);
        stopState = new StopStateHandler(session, stack, variables, memory);
        disassembly = new DisassembleHandler(session);
        sources = new SourceHandlers(session);
        stepBack = new StepBackHandler(session);
        reverseContinue = new ReverseContinueHandler(session);
        stepBackIn = new StepBackInHandler(session);
        stepBackOut = new StepBackOutHandler(session);
        autoStep = new AutoStepHandler(session);
        gotoTargets = new GotoTargetsHandler(session);
        goTo = new GotoHandler(session);
        gotoTime = new GotoTimeHandler(session);
        timeline = new TimelineHandler(session);
        executions = new ExecutionsHandler(session);
        valueOrigin = new dev.hindsight.dap.handlers.ValueOriginHandler(session);
        functions = new dev.hindsight.dap.handlers.FunctionsHandler(session);
    }

    /** Releases the handlers' own resources. */
    public void close() {
        lifecycle.close();
    }

    private static <T> CompletableFuture<T> call(Supplier<T> handler) {
        try {
            return CompletableFuture.completedFuture(handler.get());
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
    }

    private static <T> CompletableFuture<T> unsupported(String command) {
        return CompletableFuture.failedFuture(new DapException(ErrorCode.UNKNOWN_REQUEST, "'" + command + "' is not supported"));
    }

    @Override public CompletableFuture<Capabilities> initialize(InitializeRequestArguments a) { return call(() -> initialize.initialize(a)); }
    @Override public CompletableFuture<Void> launch(Map<String, Object> a) { return call(() -> launch.launch(a)); }
    @Override public CompletableFuture<Void> attach(Map<String, Object> a) { return call(() -> launch.attach(a)); }
    @Override public CompletableFuture<Void> configurationDone(ConfigurationDoneArguments a) { return call(() -> launch.configurationDone(a)); }
    @Override public CompletableFuture<Void> restart(RestartArguments a) { return call(() -> lifecycle.restart(a)); }
    @Override public CompletableFuture<Void> disconnect(DisconnectArguments a) { return call(() -> lifecycle.disconnect(a)); }
    @Override public CompletableFuture<Void> terminate(TerminateArguments a) { return call(() -> lifecycle.terminate(a)); }
    @Override public CompletableFuture<Void> cancel(CancelArguments a) { return call(() -> null); } // see DapSession
    @Override public CompletableFuture<Void> writeStdin(WriteStdinArguments a) { return call(() -> lifecycle.writeStdin(a)); }
    @Override public CompletableFuture<StopStateResponse> stopState(StopStateArguments a) { return call(() -> stopState.stopState(a)).thenCompose(f -> f); }
    @Override public CompletableFuture<ExceptionInfoResponse> exceptionInfo(ExceptionInfoArguments a) { return call(() -> lifecycle.exceptionInfo(a)); }

    @Override public CompletableFuture<SetBreakpointsResponse> setBreakpoints(SetBreakpointsArguments a) { return call(() -> breakpoints.setBreakpoints(a)); }
    @Override public CompletableFuture<SetFunctionBreakpointsResponse> setFunctionBreakpoints(SetFunctionBreakpointsArguments a) { return call(() -> breakpoints.setFunctionBreakpoints(a)); }
    @Override public CompletableFuture<SetInstructionBreakpointsResponse> setInstructionBreakpoints(SetInstructionBreakpointsArguments a) { return call(() -> breakpoints.setInstructionBreakpoints(a)); }
    @Override public CompletableFuture<BreakpointLocationsResponse> breakpointLocations(BreakpointLocationsArguments a) { return call(() -> breakpoints.breakpointLocations(a)); }
    @Override public CompletableFuture<DataBreakpointInfoResponse> dataBreakpointInfo(DataBreakpointInfoArguments a) { return call(() -> dataBreakpoints.dataBreakpointInfo(a)); }
    @Override public CompletableFuture<SetDataBreakpointsResponse> setDataBreakpoints(SetDataBreakpointsArguments a) { return call(() -> dataBreakpoints.setDataBreakpoints(a)); }
    @Override public CompletableFuture<SetExceptionBreakpointsResponse> setExceptionBreakpoints(SetExceptionBreakpointsArguments a) { return call(() -> exceptionBreakpoints.setExceptionBreakpoints(a)); }

    @Override public CompletableFuture<ContinueResponse> continue_(ContinueArguments a) { return call(() -> execution.continue_(a)); }
    @Override public CompletableFuture<Void> next(NextArguments a) { return call(() -> execution.next(a)); }
    @Override public CompletableFuture<Void> stepIn(StepInArguments a) { return call(() -> execution.stepIn(a)); }
    @Override public CompletableFuture<Void> stepOut(StepOutArguments a) { return call(() -> execution.stepOut(a)); }
    @Override public CompletableFuture<Void> pause(PauseArguments a) { return call(() -> execution.pause(a)); }

    @Override public CompletableFuture<ThreadsResponse> threads() { return call(stack::threads); }
    @Override public CompletableFuture<StackTraceResponse> stackTrace(StackTraceArguments a) { return call(() -> stack.stackTrace(a)); }
    @Override public CompletableFuture<ScopesResponse> scopes(ScopesArguments a) { return call(() -> stack.scopes(a)); }
    @Override public CompletableFuture<VariablesResponse> variables(VariablesArguments a) { return call(() -> variables.variables(a)); }
    @Override public CompletableFuture<SetVariableResponse> setVariable(SetVariableArguments a) { return call(() -> variables.setVariable(a)); }
    @Override public CompletableFuture<EvaluateResponse> evaluate(EvaluateArguments a) { return call(() -> variables.evaluate(a)); }
    @Override public CompletableFuture<SetExpressionResponse> setExpression(SetExpressionArguments a) { return call(() -> variables.setExpression(a)); }

    @Override public CompletableFuture<ReadMemoryResponse> readMemory(ReadMemoryArguments a) { return call(() -> memory.readMemory(a)); }
    @Override public CompletableFuture<WriteMemoryResponse> writeMemory(WriteMemoryArguments a) { return call(() -> memory.writeMemory(a)); }
    @Override public CompletableFuture<DisassembleResponse> disassemble(DisassembleArguments a) { return call(() -> disassembly.disassemble(a)); }
    @Override public CompletableFuture<LoadedSourcesResponse> loadedSources(LoadedSourcesArguments a) { return call(() -> sources.loadedSources(a)); }
    @Override public CompletableFuture<SourceResponse> source(SourceArguments a) { return call(() -> sources.source(a)); }
    @Override public CompletableFuture<ModulesResponse> modules(ModulesArguments a) { return call(() -> sources.modules(a)); }

    @Override public CompletableFuture<Void> stepBack(StepBackArguments a) { return call(() -> stepBack.stepBack(a)); }
    @Override public CompletableFuture<Void> reverseContinue(ReverseContinueArguments a) { return call(() -> reverseContinue.reverseContinue(a)); }
    @Override public CompletableFuture<GotoTargetsResponse> gotoTargets(GotoTargetsArguments a) { return call(() -> gotoTargets.gotoTargets(a)); }
    @Override public CompletableFuture<Void> goto_(GotoArguments a) { return call(() -> goTo.goto_(a)); }
    @Override public CompletableFuture<Void> stepBackIn(ReverseStepArguments a) { return call(() -> stepBackIn.stepBackIn(a)); }
    @Override public CompletableFuture<Void> stepBackOut(ReverseStepArguments a) { return call(() -> stepBackOut.stepBackOut(a)); }
    @Override public CompletableFuture<Void> autoStep(ReverseStepArguments a) { return call(() -> autoStep.autoStep(a)); }
    @Override public CompletableFuture<Void> gotoTime(GotoTimeArguments a) { return call(() -> gotoTime.gotoTime(a)); }
    @Override public CompletableFuture<TimelineResponse> timeline(TimelineArguments a) { return call(() -> timeline.timeline(a)); }
    @Override public CompletableFuture<ExecutionsResponse> executions(ExecutionsArguments a) { return call(() -> executions.executions(a)); }
    @Override public CompletableFuture<FunctionsResponse> functions(FunctionsArguments a) { return call(() -> functions.functions(a)); }
    @Override public CompletableFuture<ValueOriginResponse> valueOrigin(ValueOriginArguments a) { return call(() -> valueOrigin.valueOrigin(a)); }

    @Override public CompletableFuture<Void> restartFrame(RestartFrameArguments a) { return unsupported("restartFrame"); }
    @Override public CompletableFuture<Void> terminateThreads(TerminateThreadsArguments a) { return unsupported("terminateThreads"); }
    @Override public CompletableFuture<StepInTargetsResponse> stepInTargets(StepInTargetsArguments a) { return unsupported("stepInTargets"); }
    @Override public CompletableFuture<CompletionsResponse> completions(CompletionsArguments a) { return unsupported("completions"); }
    @Override public CompletableFuture<LocationsResponse> locations(LocationsArguments a) { return unsupported("locations"); }
}
