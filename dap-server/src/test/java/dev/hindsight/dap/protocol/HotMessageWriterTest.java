package dev.hindsight.dap.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.debug.Checksum;
import org.eclipse.lsp4j.debug.ChecksumAlgorithm;
import org.eclipse.lsp4j.debug.ContinueResponse;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopePresentationHint;
import org.eclipse.lsp4j.debug.ScopesResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourcePresentationHint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackFramePresentationHint;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablePresentationHint;
import org.eclipse.lsp4j.debug.VariablesResponse;
import org.eclipse.lsp4j.jsonrpc.debug.messages.DebugNotificationMessage;
import org.eclipse.lsp4j.jsonrpc.debug.messages.DebugResponseMessage;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.junit.jupiter.api.Test;

/**
 * The hot messages' writer against gson, LSP4J's own writer of the same messages: the same text
 * byte for byte for a varied set of answers and events (every field the writer knows, set and
 * unset; escapes, control characters, unicode beyond the BMP, lone surrogates, HTML characters
 * that gson escapes, extreme numbers, null elements), and gson's text where it declines.
 */
class HotMessageWriterTest {
    private final DapJsonHandler json = new MessageChannel().json();
    private final HotMessageWriter hot = new HotMessageWriter(json.getGson());

    /** Strings that exercise every escape rule, and plain ones. */
    private static final String[] TEXTS = {
        "", "rax", "0x00007ffff7fe3290", "main (4242)", "a \"quoted\" \\ path\\to", "tab\there\nnew\rline\fform\bback",
        "\u0000\u0001\u001f\u007f nul and friends", "<html> & 'single' = \"double\"", "line\u2028sep\u2029para",
        "é ü 漢字 😀 \uD83D\uDE00", "lone \uD800 high and \uDC00 low", "/tmp/a b/c.c", "ZF PF [ IF ]",
        "x".repeat(300),
    };
    private static final int[] NUMBERS = {0, 1, -1, 7, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 30};

    @Test
    void stoppedEventsAreGsonsText() {
        int k = 0;
        for (String text : TEXTS) {
            for (int n : NUMBERS) {
                StoppedEventArguments e = new StoppedEventArguments();
                e.setReason(text);
                if (k % 2 == 0) e.setDescription(TEXTS[(k + 3) % TEXTS.length]);
                if (k % 3 != 0) e.setThreadId(n);
                if (k % 4 == 1) e.setPreserveFocusHint(k % 8 == 1);
                if (k % 5 != 0) e.setText(TEXTS[(k + 5) % TEXTS.length]);
                if (k % 2 == 1) e.setAllThreadsStopped(k % 3 == 1);
                if (k % 3 == 2) e.setHitBreakpointIds(k % 6 == 2 ? new Integer[0] : new Integer[] {n, 3, null, Integer.MIN_VALUE});
                same(event("stopped", k++, e));
            }
        }
        same(event("stopped", 1, new StoppedEventArguments()));
    }

    @Test
    void stackTracesAreGsonsText() {
        int k = 0;
        for (String text : TEXTS) {
            List<StackFrame> frames = new ArrayList<>();
            for (int n : NUMBERS) {
                StackFrame f = new StackFrame();
                f.setId(n);
                if (k % 7 != 0) f.setName(text);
                if (k % 2 == 0) f.setSource(source(k, text));
                f.setLine(k);
                f.setColumn(n);
                if (k % 3 == 1) f.setEndLine(n);
                if (k % 4 == 1) f.setEndColumn(-n);
                if (k % 5 == 1) f.setCanRestart(k % 10 == 1);
                if (k % 2 == 1) f.setInstructionPointerReference("0x" + Long.toHexString(n & 0xffffffffL));
                if (k % 3 == 0) f.setModuleId(k % 6 == 0 ? Either.forLeft(n) : Either.forRight(text));
                StackFramePresentationHint[] hints = StackFramePresentationHint.values();
                if (k % 4 != 3) f.setPresentationHint(hints[k % hints.length]);
                frames.add(f);
                k++;
            }
            StackTraceResponse r = new StackTraceResponse();
            r.setStackFrames(frames.toArray(StackFrame[]::new));
            if (k % 2 == 0) r.setTotalFrames(k);
            same(response("stackTrace", k, r));
        }
        StackTraceResponse empty = new StackTraceResponse();
        same(response("stackTrace", 2, empty));
        empty.setStackFrames(new StackFrame[0]);
        same(response("stackTrace", 3, empty));
    }

    @Test
    void scopesAreGsonsText() {
        int k = 0;
        List<Scope> scopes = new ArrayList<>();
        for (String text : TEXTS) {
            for (int n : NUMBERS) {
                Scope s = new Scope();
                s.setName(text);
                String[] hints = {ScopePresentationHint.LOCALS, ScopePresentationHint.REGISTERS, null, text};
                s.setPresentationHint(hints[k % hints.length]);
                s.setVariablesReference(n);
                if (k % 3 == 0) s.setNamedVariables(n);
                if (k % 4 == 0) s.setIndexedVariables(-n);
                s.setExpensive(k % 2 == 0);
                if (k % 5 == 0) s.setSource(source(k, text));
                if (k % 3 == 1) s.setLine(n);
                if (k % 3 == 2) s.setColumn(n);
                if (k % 6 == 1) s.setEndLine(k);
                if (k % 6 == 2) s.setEndColumn(k);
                scopes.add(s);
                k++;
            }
        }
        ScopesResponse r = new ScopesResponse();
        r.setScopes(scopes.toArray(Scope[]::new));
        same(response("scopes", 5, r));
        same(response("scopes", 6, new ScopesResponse()));
    }

    @Test
    void variablesAreGsonsText() {
        int k = 0;
        List<Variable> vars = new ArrayList<>();
        for (String text : TEXTS) {
            for (int n : NUMBERS) {
                Variable v = new Variable();
                v.setName(text);
                if (k % 9 != 0) v.setValue(TEXTS[(k + 1) % TEXTS.length]);
                if (k % 2 == 0) v.setType(TEXTS[(k + 2) % TEXTS.length]);
                if (k % 3 == 0) {
                    VariablePresentationHint h = new VariablePresentationHint();
                    if (k % 2 == 0) h.setKind(text);
                    if (k % 4 == 0) h.setAttributes(new String[] {"readOnly", text, null});
                    if (k % 5 == 0) h.setVisibility("private");
                    if (k % 7 == 0) h.setLazy(k % 2 == 0);
                    v.setPresentationHint(h);
                }
                if (k % 4 != 1) v.setEvaluateName("$" + text);
                v.setVariablesReference(n);
                if (k % 5 == 2) v.setNamedVariables(n);
                if (k % 5 == 3) v.setIndexedVariables(n);
                if (k % 3 == 2) v.setMemoryReference("0x" + Integer.toHexString(n));
                if (k % 7 == 3) v.setDeclarationLocationReference(n);
                if (k % 7 == 4) v.setValueLocationReference(n);
                vars.add(v);
                k++;
            }
        }
        VariablesResponse r = new VariablesResponse();
        r.setVariables(vars.toArray(Variable[]::new));
        same(response("variables", 7, r));
        same(response("variables", 8, new VariablesResponse()));
    }

    @Test
    void aStepsEmptyAnswerAndItsSeqsAreGsonsText() {
        same(response("stepIn", 9, null));
        DebugResponseMessage text = response("next", 10, null);
        text.setRawId(Either.forLeft("42"));
        same(text);
        DebugResponseMessage big = response("stepOut", 11, null);
        big.setRawResponseId(Either.forRight(Integer.MAX_VALUE));
        same(big);
    }

    @Test
    void whatItDoesNotKnowIsLeftToGson() {
        // Errors, other bodies, other events, sources with fields it does not write, null elements.
        DebugResponseMessage error = response("stackTrace", 1, null);
        error.setError(new ResponseError(2, "no <thread> 7", null));
        declined(error);
        declined(response("continue", 2, new ContinueResponse()));
        OutputEventArguments output = new OutputEventArguments();
        output.setOutput("hello\n");
        declined(event("output", 3, output));
        Source withChecksums = source(0, "a.c");
        Checksum sum = new Checksum();
        sum.setAlgorithm(ChecksumAlgorithm.MD5);
        sum.setChecksum("d41d8cd98f00b204e9800998ecf8427e");
        withChecksums.setChecksums(new Checksum[] {sum});
        StackFrame f = new StackFrame();
        f.setSource(withChecksums);
        StackTraceResponse r = new StackTraceResponse();
        r.setStackFrames(new StackFrame[] {f});
        declined(response("stackTrace", 4, r));
        Source withData = source(1, "b.c");
        withData.setAdapterData(Map.of("k", 1));
        Scope s = new Scope();
        s.setSource(withData);
        ScopesResponse scopes = new ScopesResponse();
        scopes.setScopes(new Scope[] {s});
        declined(response("scopes", 5, scopes));
        VariablesResponse holes = new VariablesResponse();
        holes.setVariables(new Variable[] {null});
        declined(response("variables", 6, holes));
    }

    @Test
    void theChannelWritesWithIt() {
        // The channel's serialiser takes the hot path and gives the same text as gson alone.
        Map<String, Message> messages = new LinkedHashMap<>();
        StoppedEventArguments e = new StoppedEventArguments();
        e.setReason("step");
        e.setThreadId(7);
        messages.put("stopped", event("stopped", 1, e));
        messages.put("stepIn", response("stepIn", 2, null));
        for (Message m : messages.values()) assertEquals(json.serializeWithGson(m), json.serialize(m));
    }

    private static Source source(int k, String text) {
        Source s = new Source();
        if (k % 3 != 1) s.setName(text);
        if (k % 4 != 2) s.setPath("/src/" + text);
        if (k % 5 == 0) s.setSourceReference(k);
        SourcePresentationHint[] hints = SourcePresentationHint.values();
        if (k % 2 == 0) s.setPresentationHint(hints[(k / 2) % hints.length]);
        if (k % 6 == 0) s.setOrigin(text + " (not on this machine)");
        return s;
    }

    private static DebugResponseMessage response(String command, int requestSeq, Object body) {
        DebugResponseMessage m = new DebugResponseMessage();
        m.setResponseId(requestSeq + 1000);
        m.setId(requestSeq);
        m.setMethod(command);
        m.setResult(body);
        return m;
    }

    private static DebugNotificationMessage event(String name, int seq, Object body) {
        DebugNotificationMessage m = new DebugNotificationMessage();
        m.setId(seq);
        m.setMethod(name);
        m.setParams(body);
        return m;
    }

    private void same(Message m) {
        StringBuilder out = new StringBuilder("prefix");
        assertTrue(hot.write(m, out), "the hot writer declined " + m);
        String expected = json.serializeWithGson(m);
        assertEquals(expected, out.substring("prefix".length()));
        JsonParser.parseString(out.substring("prefix".length())); // well-formed as well as equal
    }

    private void declined(Message m) {
        StringBuilder out = new StringBuilder("prefix");
        assertFalse(hot.write(m, out), "the hot writer wrote " + m);
        assertEquals("prefix", out.toString(), "nothing appended when declining");
    }
}
