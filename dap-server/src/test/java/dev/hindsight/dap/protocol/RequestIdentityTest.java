package dev.hindsight.dap.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The top-level seq and command, whatever the key order and whatever is broken elsewhere in the message. */
class RequestIdentityTest {
    @Test
    void seqWrittenLastAfterBrokenArgumentsIsFound() {
        // VS Code's key order; a syntax error inside the arguments
        RequestIdentity r = RequestIdentity.of("{\"command\":\"stackTrace\",\"arguments\":{\"threadId\": },\"type\":\"request\",\"seq\":44}");
        assertEquals(44, r.seq());
        assertEquals("stackTrace", r.command());
        assertTrue(r.answerable());
    }

    @Test
    void nestedSeqAndCommandKeysAndTrickyStringsAreNotTakenForTheTopLevelOnes() {
        String text = "{\"command\":\"evaluate\",\"arguments\":{\"seq\":1,\"command\":\"x\",\"expression\":\"a\\\"}, \\\"seq\\\": 2 {[\","
                + "\"list\":[{\"seq\":3}]},\"note\":\"seq\",\"type\":\"request\",\"seq\":12345}";
        RequestIdentity r = RequestIdentity.of(text);
        assertEquals(12345, r.seq());
        assertEquals("evaluate", r.command());
    }

    @Test
    void whatIsNotARequestIsNotAnswerable() {
        assertFalse(RequestIdentity.of("{\"seq\": 5, \"type\": \"banana\"}").answerable());
        assertFalse(RequestIdentity.of("{\"command\": \"threads\"}").answerable(), "no seq");
        assertFalse(RequestIdentity.of("[1, 2, 3]").answerable());
        assertNull(RequestIdentity.of("{\"seq\": 1.5, \"command\": \"next\"}").seq());
        assertTrue(RequestIdentity.of("{\"type\": \"request\", \"seq\": 9}").answerable(), "a request without command still gets its answer");
    }

    @Test
    void bytesFedInPiecesGiveTheSameAnswerAndTellWhenTheObjectIsComplete() {
        byte[] text = "{\"command\":\"launch\",\"arguments\":{\"name\":\"é{\"},\"type\":\"request\",\"seq\":7} trailing"
                .getBytes(StandardCharsets.UTF_8);
        RequestIdentity r = new RequestIdentity();
        int i = 0;
        while (!r.complete()) r.feed(text, i++, 1);
        assertEquals("{\"command\":\"launch\",\"arguments\":{\"name\":\"é{\"},\"type\":\"request\",\"seq\":7}".getBytes(StandardCharsets.UTF_8).length, i);
        r.finish();
        assertEquals(7, r.seq());
        assertEquals("launch", r.command());
    }
}
