package dev.hindsight.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Recognises a DAP {@code launch} request (the moment a session starts to cost a program) and
 * answers one the server refuses. Other messages are not parsed: most never mention "launch".
 */
final class LaunchRequest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LaunchRequest() {
    }

    /** The request's seq when {@code json} is a launch request, else -1. */
    static int seqOf(String json) {
        if (!json.contains("\"launch\"")) return -1;
        try {
            JsonNode m = JSON.readTree(json);
            boolean launch = "request".equals(m.path("type").asText()) && "launch".equals(m.path("command").asText());
            return launch ? Math.max(0, m.path("seq").asInt(0)) : -1;
        } catch (Exception e) {
            return -1; // not JSON: the engine answers it with an error
        }
    }

    /** The failed response to launch request {@code seq}, with {@code reason} for a person to read. */
    static String refusal(int seq, String reason) {
        ObjectNode m = JSON.createObjectNode().put("seq", 0).put("type", "response").put("request_seq", seq)
                .put("success", false).put("command", "launch").put("message", reason);
        m.putObject("body").putObject("error").put("id", DapSocket.TRY_AGAIN_LATER).put("format", reason);
        return m.toString();
    }
}
