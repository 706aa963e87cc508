package dev.hindsight.tracer.values.format;

import dev.hindsight.tracer.values.types.Enumerator;
import dev.hindsight.tracer.values.types.Type;
import java.util.List;

/** Types built by hand for printing tests. */
final class TestTypes {
    private TestTypes() {}

    static Type enumeration(List<Enumerator> values) {
        return Type.enumeration("test", 4, false, values);
    }
}
