package dev.hindsight.index.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** How many shards a build cuts the run into and how many it steps at once, from the command line. */
class BuildOptionsTest {
    private static final int CORES = 2;

    private static BuildOptions parse(String... args) throws BuildOptions.UsageException {
        return BuildOptions.parse(args, CORES);
    }

    @Test
    void byDefaultAJobPerCoreAndEightShardsPerJob() throws Exception {
        BuildOptions o = parse("run");
        assertEquals(2, o.jobs());
        assertEquals(16, o.shards());
    }

    @Test
    void shardsAloneKeepAJobPerCoreButNeverMoreJobsThanShards() throws Exception {
        assertEquals(2, parse("run", "--shards", "3").jobs());
        assertEquals(1, parse("run", "--shards", "1").jobs());
    }

    @Test
    void jobsAloneGetEightShardsEach() throws Exception {
        BuildOptions o = parse("run", "--jobs", "3");
        assertEquals(3, o.jobs());
        assertEquals(24, o.shards());
        assertEquals(5, parse("run", "--jobs", "4", "--shards", "5").shards());
    }

    @Test
    void jobsOutOfRangeOrNotANumberAreRefused() {
        assertEquals("--jobs is between 1 and 1024, not 0",
                assertThrows(BuildOptions.UsageException.class, () -> parse("run", "--jobs", "0")).getMessage());
        assertEquals("--jobs needs a number, not 'x'",
                assertThrows(BuildOptions.UsageException.class, () -> parse("run", "--jobs", "x")).getMessage());
        assertEquals("--jobs needs a number",
                assertThrows(BuildOptions.UsageException.class, () -> parse("run", "--jobs")).getMessage());
    }
}
