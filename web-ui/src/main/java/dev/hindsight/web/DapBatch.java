package dev.hindsight.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * A text frame holding several DAP messages as the elements of one JSON array (a DAP message is
 * always an object, so an array is never one message). The page sends a step and its
 * {@code stopState} so: in Chromium every frame costs an IPC message, a task and an event in the
 * renderer and the network service, more CPU than the page's own work on the answer.
 */
final class DapBatch {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DapBatch() {
    }

    static boolean isBatch(String frame) {
        for (int i = 0; i < frame.length(); i++) {
            char c = frame.charAt(i);
            if (!Character.isWhitespace(c)) return c == '[';
        }
        return false;
    }

    /** The messages of a batch frame, in order; a frame that is not a JSON array is one message (the engine answers what is wrong with it). */
    static List<String> split(String frame) {
        JsonNode array;
        try {
            array = JSON.readTree(frame);
        } catch (JsonProcessingException e) {
            return List.of(frame);
        }
        if (array == null || !array.isArray()) return List.of(frame);
        List<String> messages = new ArrayList<>(array.size());
        for (JsonNode m : array) messages.add(m.toString());
        return messages;
    }
}
