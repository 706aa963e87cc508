package dev.hindsight.dap.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.SteppingGranularity;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.junit.jupiter.api.Test;

/**
 * The hot requests' reader against LSP4J's own parsing of the same text: for every message of a
 * varied set (each hot command's fields in every order, with spaces, escapes, unicode, numbers at
 * and past an int's limits, fractions, exponents, strings for numbers, nulls, missing, repeated
 * and extra fields, other commands, other message types, truncated and broken JSON), the adapter's
 * parser gives the message LSP4J gives (equal, the same typed arguments, the same text written
 * back) or fails as LSP4J fails; and the requests clients send in practice are read by the hot
 * reader itself, not handed back to LSP4J.
 */
class HotRequestReaderTest {
    private final DapJsonHandler json = new MessageChannel().json();

    /** The plain forms a client sends (VS Code, @vscode/debugadapter-testsupport, the bench's lean client). */
    private static final String[] PLAIN = {
        "{\"command\":\"stepIn\",\"arguments\":{\"threadId\":4242,\"granularity\":\"instruction\"},\"type\":\"request\",\"seq\":17}",
        "{\"seq\":18,\"type\":\"request\",\"command\":\"stackTrace\",\"arguments\":{\"threadId\":4242,\"startFrame\":0,\"levels\":1}}",
        "{\"command\":\"scopes\",\"arguments\":{\"frameId\":1000},\"type\":\"request\",\"seq\":19}",
        "{\"command\":\"variables\",\"arguments\":{\"variablesReference\":3},\"type\":\"request\",\"seq\":20}",
        "{ \"seq\" : 21 , \"type\" : \"request\" , \"command\" : \"stepIn\" , \"arguments\" : { \"threadId\" : 1 ,"
                + " \"singleThread\" : true , \"targetId\" : -5 , \"granularity\" : \"line\" } }\n",
        "{\"command\":\"variables\",\"arguments\":{\"variablesReference\":3,\"filter\":\"indexed\",\"start\":0,\"count\":100},"
                + "\"type\":\"request\",\"seq\":2147483647}",
        "{\"command\":\"stackTrace\",\"arguments\":{},\"type\":\"request\",\"seq\":0}",
    };

    @Test
    void plainRequestsAreReadHotAsLsp4jReadsThem() {
        for (String text : PLAIN) {
            Message hot = json.parseHot(text);
            assertNotNull(hot, "left to LSP4J: " + text);
            assertEquals(json.parseWithGson(text), hot, text);
        }
        RequestMessage step = (RequestMessage) json.parseHot(PLAIN[0]);
        // Against the literal text, not only against LSP4J.
        assertEquals("17", step.getId());
        assertEquals("stepIn", step.getMethod());
        StepInArguments args = (StepInArguments) step.getParams();
        assertEquals(4242, args.getThreadId());
        assertEquals(SteppingGranularity.INSTRUCTION, args.getGranularity());
    }

    @Test
    void everyVariantParsesAsLsp4jParsesIt() {
        List<String> texts = variants();
        int hot = 0;
        for (String text : texts) {
            if (json.parseHot(text) != null) hot++;
            Outcome expected = Outcome.of(() -> json.parseWithGson(text));
            Outcome actual = Outcome.of(() -> json.parseMessage(text));
            assertEquals(expected, actual, text);
            if (expected.message != null) {
                assertEquals(json.serializeWithGson(expected.message), json.serializeWithGson(actual.message), text);
                if (expected.message instanceof RequestMessage request) {
                    Object params = request.getParams();
                    Object hotParams = ((RequestMessage) actual.message).getParams();
                    assertEquals(params == null ? null : params.getClass(), hotParams == null ? null : hotParams.getClass(), text);
                }
            }
        }
        // Not a test of the fallback alone: a good share of the variants is read hot.
        assertTrue(hot > texts.size() / 5, hot + " of " + texts.size() + " read hot");
        assertTrue(hot < texts.size(), "every variant read hot: the broken ones too?");
    }

    @Test
    void whatItCannotReadIsLeftToLsp4j() {
        for (String text : new String[] {
            "{\"command\":\"stepIn\",\"arguments\":{\"threadId\":1,\"granularity\":\"instr\\u0075ction\"},\"type\":\"request\",\"seq\":1}",
            "{\"arguments\":{\"frameId\":1},\"command\":\"scopes\",\"type\":\"request\",\"seq\":1}",
            "{\"command\":\"scopes\",\"arguments\":{\"frameId\":1.0},\"type\":\"request\",\"seq\":1}",
            "{\"command\":\"scopes\",\"arguments\":{\"frameId\":1},\"type\":\"request\",\"seq\":1}x",
            "{\"command\":\"scopes\",\"arguments\":{\"frameId\":1},\"type\":\"request\"",
            "{\"command\":\"continue\",\"arguments\":{\"threadId\":1},\"type\":\"request\",\"seq\":1}",
        }) {
            assertNull(json.parseHot(text), text);
        }
    }

    /** A message, or the failure's class and text. */
    private record Outcome(Message message, String failure) {
        static Outcome of(java.util.function.Supplier<Message> parse) {
            try {
                return new Outcome(parse.get(), null);
            } catch (RuntimeException e) {
                return new Outcome(null, e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }

    private static List<String> variants() {
        String[] numbers = {"0", "7", "-1", "-0", "2147483647", "-2147483648", "2147483648", "-2147483649", "12345678901",
            "007", "1.0", "1.5", "1e2", "1E0", "-", "+1", "\"7\"", "null", "true", "0x10", "１"};
        String[] strings = {"\"instruction\"", "\"line\"", "\"statement\"", "\"Instruction\"", "\"\"", "\"instr\\u0075ction\"",
            "\"in\\\"struction\"", "\"ïnstruction\"", "\"😀\"", "null", "1", "\"indexed\"", "\"named\""};
        String[] bools = {"true", "false", "null", "\"true\"", "1", "tru", "falsey"};
        List<String> args = new ArrayList<>();
        for (String n : numbers) {
            args.add("stepIn|{\"threadId\":" + n + ",\"granularity\":\"instruction\"}");
            args.add("stackTrace|{\"threadId\":1,\"startFrame\":" + n + ",\"levels\":" + n + "}");
            args.add("scopes|{\"frameId\":" + n + "}");
            args.add("variables|{\"variablesReference\":" + n + ",\"start\":1,\"count\":" + n + "}");
            args.add("stepIn|{\"targetId\":" + n + "}");
        }
        for (String s : strings) {
            args.add("stepIn|{\"threadId\":3,\"granularity\":" + s + "}");
            args.add("variables|{\"variablesReference\":3,\"filter\":" + s + "}");
        }
        for (String b : bools) args.add("stepIn|{\"threadId\":3,\"singleThread\":" + b + "}");
        for (String extra : new String[] {
            "stepIn|{}", "stepIn|{\"threadId\":1,\"threadId\":2}", "stepIn|{\"threadId\":1,\"unknown\":[1,{\"a\":2}]}",
            "stackTrace|{\"threadId\":1,\"format\":{\"hex\":true}}", "variables|{\"variablesReference\":1,\"format\":{\"hex\":true}}",
            "scopes|{\"frameId\":1,}", "scopes|{,\"frameId\":1}", "scopes|{\"frameId\" 1}", "scopes|{frameId:1}", "scopes|{'frameId':1}",
            "scopes|{\"frameId\":1", "scopes|[1]", "scopes|null", "scopes|\"x\"", "scopes|{\"frameId\":1}}",
            "scopes|{\t\"frameId\"\r\n:\n1 }", "scopes|{\"fram\\u0065Id\":1}", "scopes|{\"frameId\":1 /* c */}",
            "continue|{\"threadId\":1}", "next|{\"threadId\":1,\"granularity\":\"instruction\"}", "stepin|{\"threadId\":1}",
            "stepIn\\u0020|{\"threadId\":1}", "ștepIn|{\"threadId\":1}", "evaluate|{\"expression\":\"$rip\"}",
        }) {
            args.add(extra);
        }
        List<String> texts = new ArrayList<>();
        for (String a : args) {
            int bar = a.indexOf('|');
            String command = a.substring(0, bar), arguments = a.substring(bar + 1);
            texts.add("{\"command\":\"" + command + "\",\"arguments\":" + arguments + ",\"type\":\"request\",\"seq\":9}");
            texts.add("{\"seq\":9,\"type\":\"request\",\"command\":\"" + command + "\",\"arguments\":" + arguments + "}");
        }
        String ok = "{\"frameId\":5}";
        for (String message : new String[] {
            "{\"seq\":1,\"type\":\"request\",\"command\":\"scopes\"}",
            "{\"type\":\"request\",\"command\":\"scopes\",\"arguments\":" + ok + "}",
            "{\"seq\":1,\"command\":\"scopes\",\"arguments\":" + ok + "}",
            "{\"seq\":1,\"type\":\"event\",\"command\":\"scopes\",\"arguments\":" + ok + "}",
            "{\"seq\":1,\"type\":\"response\",\"command\":\"scopes\",\"arguments\":" + ok + "}",
            "{\"seq\":1,\"type\":\"requests\",\"command\":\"scopes\",\"arguments\":" + ok + "}",
            "{\"seq\":1,\"type\":\"request\",\"command\":\"scopes\",\"arguments\":" + ok + ",\"extra\":true}",
            "{\"seq\":1,\"seq\":2,\"type\":\"request\",\"command\":\"scopes\",\"arguments\":" + ok + "}",
            "{\"seq\":1.0,\"type\":\"request\",\"command\":\"scopes\",\"arguments\":" + ok + "}",
            "{\"seq\":\"1\",\"type\":\"request\",\"command\":\"scopes\",\"arguments\":" + ok + "}",
            "{\"seq\":-3,\"type\":\"request\",\"command\":\"scopes\",\"arguments\":" + ok + "}",
            "{\"seq\":null,\"type\":\"request\",\"command\":\"scopes\",\"arguments\":" + ok + "}",
            "{\"seq\":1,\"type\":\"request\",\"command\":null,\"arguments\":" + ok + "}",
            "{\"seq\":1,\"type\":\"request\",\"command\":\"scopes\",\"arguments\":" + ok + "} \n\t",
            "{\"seq\":1,\"type\":\"request\",\"command\":\"scopes\",\"arguments\":" + ok + "} {}",
            "{\"seq\":1,\"type\":\"request\",\"command\":\"scopes\",\"arguments\":" + ok,
            "{\"seq\":1,\"type\":\"request\",\"command\":\"scopes\",\"arguments\":",
            "{\"seq\":1,\"type\":\"request\",\"command\":\"sco",
            "{\"seq\":1,\"type\":\"request\",\"command\":\"scopes\",\"arguments\":" + ok + ",}",
            " {\"seq\":1,\"type\":\"request\",\"command\":\"scopes\",\"arguments\":" + ok + "}",
            "\uFEFF{\"seq\":1,\"type\":\"request\",\"command\":\"scopes\",\"arguments\":" + ok + "}",
            "{}", "", " ", "[]", "null", "{\"seq\":1}", "garbage",
        }) {
            texts.add(message);
        }
        return texts;
    }
}
