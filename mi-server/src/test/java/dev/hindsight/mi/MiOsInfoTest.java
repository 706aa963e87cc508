package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.mi.testing.MiRecord;
import dev.hindsight.tracer.testing.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code -info-os} in lockstep with gdb 13: the table of types whole; {@code processes} by shape
 * (the machine's processes change between the transcripts): the columns, each row's fields, and
 * pid 1's row but its cores; gdb's errors.
 */
class MiOsInfoTest {
    private static Object whole(MiRecord r) {
        return r.results();
    }

    private static Object processes(MiRecord r) {
        TreeSet<String> shapes = new TreeSet<>();
        Object first = null;
        for (Object o : (List<?>) r.get("OSDataTable.body")) {
            Map<?, ?> item = (Map<?, ?>) ((Map<?, ?>) o).get("item");
            shapes.add(String.valueOf(item.keySet()));
            if ("1".equals(item.get("col0"))) first = List.of(item.get("col1"), item.get("col2"));
        }
        return List.of(r.get("OSDataTable.nr_cols"), r.get("OSDataTable.hdr"), shapes, String.valueOf(first));
    }

    @Test
    void typesAndProcesses() throws Exception {
        new Lockstep()
                .cmd("-info-os", MiOsInfoTest::whole)
                .cmd("-info-os processes", MiOsInfoTest::processes)
                .cmd("-info-os bogus", MiOsInfoTest::whole)
                .cmd("-info-os a b", MiOsInfoTest::whole)
                .run(Fixtures.compile("lockstep.c"));
    }
}
