package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.mi.testing.MiRecord;
import dev.hindsight.tracer.testing.Fixtures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code -list-thread-groups} in lockstep with gdb 13 before the run, while stopped and after the
 * exit: the group (pid, executable, exit code; its cores by presence, as each run lands on its
 * own), {@code i1}'s threads, {@code --recurse 1}, gdb's errors, and {@code --available} by shape
 * (the machine's processes change between the two transcripts): each entry's fields, and pid 1.
 */
class MiThreadGroupsTest {
    private static final String FIXTURE = "lockstep.c";

    /** Each group with its cores written as whether there are any, its threads as gdb number, name, state and place. */
    private static Object groups(MiRecord r) {
        if (!"done".equals(r.cls())) return r.results();
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : r.results().entrySet()) {
            List<Object> items = new ArrayList<>();
            for (Object o : (List<?>) e.getValue()) items.add(item((Map<?, ?>) o));
            out.put(e.getKey(), items);
        }
        return out;
    }

    private static Object item(Map<?, ?> m) {
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object v = e.getValue();
            if (e.getKey().equals("core")) v = "C";
            else if (e.getKey().equals("cores")) v = ((List<?>) v).isEmpty() ? "none" : "some";
            else if (e.getKey().equals("pid")) v = "PID";
            else if (e.getKey().equals("target-id")) v = String.valueOf(v).replaceAll("\\d+", "N");
            else if (e.getKey().equals("threads")) v = ((List<?>) v).stream().map(t -> item((Map<?, ?>) t)).toList();
            else if (e.getKey().equals("frame")) v = List.of(((Map<?, ?>) v).get("func"), ((Map<?, ?>) v).get("line"));
            out.put(e.getKey(), v);
        }
        return out;
    }

    /** --available: the field names every process has, and pid 1's entry but its cores. */
    private static Object available(MiRecord r) {
        TreeSet<Object> shapes = new TreeSet<>();
        Object first = null;
        for (Object o : (List<?>) r.get("groups")) {
            Map<?, ?> m = (Map<?, ?>) o;
            shapes.add(String.valueOf(m.keySet()));
            if ("1".equals(m.get("id"))) first = List.of(m.get("type"), m.get("description"), m.get("user"));
        }
        return List.of(shapes, String.valueOf(first));
    }

    @Test
    void beforeRunWhileStoppedAndAfterExit() throws Exception {
        Lockstep l = new Lockstep().cmd("-gdb-set mi-async on");
        threeForms(l);
        l.cmd("-list-thread-groups --available", MiThreadGroupsTest::available)
                .cmd("-list-thread-groups i2", MiThreadGroupsTest::groups)
                .cmd("-list-thread-groups bogus", MiThreadGroupsTest::groups)
                .cmd("-list-thread-groups --recurse", MiThreadGroupsTest::groups)
                .cmd("-list-thread-groups --bogus", MiThreadGroupsTest::groups)
                .cmd("-break-insert " + FIXTURE + ":" + Fixtures.line(FIXTURE, "scale"))
                .exec("-exec-run");
        threeForms(l);
        l.cmd("-list-thread-groups --recurse 0", MiThreadGroupsTest::groups)
                .cmd("-list-thread-groups --recurse 1 i1", MiThreadGroupsTest::groups)
                .exec("-exec-continue");
        threeForms(l);
        l.run(Fixtures.compile(FIXTURE));
    }

    private static void threeForms(Lockstep l) {
        l.cmd("-list-thread-groups", MiThreadGroupsTest::groups)
                .cmd("-list-thread-groups i1", MiThreadGroupsTest::groups)
                .cmd("-list-thread-groups --recurse 1", MiThreadGroupsTest::groups);
    }
}
