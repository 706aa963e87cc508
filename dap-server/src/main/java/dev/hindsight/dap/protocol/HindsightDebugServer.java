package dev.hindsight.dap.protocol;

import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

/** The standard DAP requests plus Hindsight's own. */
public interface HindsightDebugServer extends IDebugProtocolServer {
    /** Feeds the program's stdin: {@code {"text": "…"}}, or {@code {"eof": true}} to close it. */
    @JsonRequest
    CompletableFuture<Void> writeStdin(WriteStdinArguments args);

    /**
     * The stopped thread's stack, scopes and their variables in one answer; while the program
     * runs (a step just sent ahead of it), answered at its next reported stop. See {@link StopStateResponse}.
     */
    @JsonRequest
    CompletableFuture<StopStateResponse> stopState(StopStateArguments args);

    /** The program's own functions: their address ranges and the stack slots of their variables. */
    @JsonRequest("hindsight/functions")
    CompletableFuture<FunctionsResponse> functions(FunctionsArguments args);

    // On a recording (a launch with "trace" on a built trace); refused on a live program.

    /** Back into calls: by instruction ({@code reverse-stepi}) or by line ({@code reverse-step}). */
    @JsonRequest("hindsight/stepBackIn")
    CompletableFuture<Void> stepBackIn(ReverseStepArguments args);

    /** Back to the call that entered the current function ({@code reverse-finish}). */
    /** One Auto-step of the learner's page: {@code {threadId}}; see {@code AutoStepHandler}. */
    @JsonRequest("hindsight/autoStep")
    CompletableFuture<Void> autoStep(ReverseStepArguments args);

    @JsonRequest("hindsight/stepBackOut")
    CompletableFuture<Void> stepBackOut(ReverseStepArguments args);

    /** To any time of the recording; stopped with reason {@code goto}. */
    @JsonRequest("hindsight/goto")
    CompletableFuture<Void> gotoTime(GotoTimeArguments args);

    /** The recording's length, the current time and its markers (output, system calls, signals, breakpoint hits). */
    @JsonRequest("hindsight/timeline")
    CompletableFuture<TimelineResponse> timeline(TimelineArguments args);

    /** Every execution of a line, function or address, with expressions evaluated at each. */
    @JsonRequest("hindsight/executions")
    CompletableFuture<ExecutionsResponse> executions(ExecutionsArguments args);

    /** Where a value came from: its last writer, what that read, and so on, one level per request. */
    @JsonRequest("hindsight/valueOrigin")
    CompletableFuture<ValueOriginResponse> valueOrigin(ValueOriginArguments args);
}
