package dev.hindsight.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hindsight.dap.session.AttachArguments;
import dev.hindsight.dap.session.LaunchArguments;
import java.io.InputStreamReader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The JSON schema editors get and the records the adapter parses declare the same attributes with the same types. */
class LaunchAttributesTest {
    static JsonObject schema() throws Exception {
        try (var in = LaunchAttributesTest.class.getResourceAsStream("/launch-attributes.json")) {
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }

    @Test
    void launchAttributesMatchTheRecord() throws Exception {
        JsonObject launch = schema().getAsJsonObject("launch").getAsJsonObject("properties");
        assertEquals(types(LaunchArguments.class), schemaTypes(launch));
        JsonObject item = launch.getAsJsonObject("sources").getAsJsonObject("items").getAsJsonObject("properties");
        assertEquals(types(LaunchArguments.InlineSource.class), schemaTypes(item));
    }

    @Test
    void attachAttributesMatchTheRecord() throws Exception {
        assertEquals(types(AttachArguments.class), schemaTypes(schema().getAsJsonObject("attach").getAsJsonObject("properties")));
    }

    @Test
    void listElementsAreDeclared() throws Exception {
        JsonObject launch = schema().getAsJsonObject("launch").getAsJsonObject("properties");
        for (RecordComponent c : LaunchArguments.class.getRecordComponents()) {
            if (c.getType() != List.class) continue;
            Type element = ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
            String expected = element == String.class ? "string" : "object";
            assertEquals(expected, launch.getAsJsonObject(c.getName()).getAsJsonObject("items").get("type").getAsString(), c.getName());
        }
    }

    private static Map<String, String> types(Class<? extends Record> record) {
        Map<String, String> out = new TreeMap<>();
        for (RecordComponent c : record.getRecordComponents()) out.put(c.getName(), jsonType(c.getType()));
        return out;
    }

    private static Map<String, String> schemaTypes(JsonObject properties) {
        Map<String, String> out = new TreeMap<>();
        for (String name : properties.keySet()) out.put(name, properties.getAsJsonObject(name).get("type").getAsString());
        return out;
    }

    private static String jsonType(Class<?> t) {
        if (t == String.class) return "string";
        if (t == Boolean.class || t == boolean.class) return "boolean";
        if (t == Integer.class || t == int.class || t == Long.class) return "integer";
        if (List.class.isAssignableFrom(t)) return "array";
        if (Map.class.isAssignableFrom(t)) return "object";
        throw new AssertionError("no JSON type for " + t);
    }
}
