package dev.hindsight.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The admission and scale-out options of {@code hindsight serve}: their defaults, values and refusals. */
class ServeOptionsTest {

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        ServeOptions o = ServeOptions.parse();
        assertEquals(16, o.maxSessions());
        assertEquals(4, o.maxSessionsPerClient());
        assertEquals(Duration.ofMinutes(2), o.grace());
        assertEquals(Duration.ofMinutes(30), o.idleTimeout());
        assertEquals(Duration.ofMinutes(1), o.launchTimeout());
        assertFalse(o.trustProxy());
        assertEquals(Optional.empty(), o.instance());
    }

    @Test
    void everyOptionIsParsed() {
        ServeOptions o = ServeOptions.parse("--max-sessions", "40", "--max-sessions-per-client", "10", "--grace", "0",
                "--trust-proxy", "--instance", "a_1-b", "--port", "0");
        assertEquals(40, o.maxSessions());
        assertEquals(10, o.maxSessionsPerClient());
        assertEquals(Duration.ZERO, o.grace());
        assertTrue(o.trustProxy());
        assertEquals(Optional.of("a_1-b"), o.instance());
        assertEquals(0, o.port(), "the options before still hold");
        assertEquals(5, ServeOptions.parse("--grace", "5").grace().toMinutes());
    }

    @Test
    void badValuesAreRefusedWithAReason() {
        assertTrue(refusal("--max-sessions", "0").contains("--max-sessions must be between 1"));
        assertTrue(refusal("--max-sessions-per-client", "x").contains("needs a number"));
        assertTrue(refusal("--grace", "-1").contains("--grace must be between 0"));
        assertTrue(refusal("--instance", "a.b").contains("--instance must be 1 to 32 letters"));
        assertTrue(refusal("--instance", "").contains("--instance"));
        assertTrue(refusal("--instance").contains("needs a value"));
    }

    @Test
    void theUsageNamesEveryOption() {
        for (String option : new String[] {"--max-sessions N", "--max-sessions-per-client N", "--grace MIN", "--trust-proxy", "--instance NAME"}) {
            assertTrue(ServeOptions.USAGE.contains(option), option);
        }
    }

    private static String refusal(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> ServeOptions.parse(args)).getMessage();
    }
}
