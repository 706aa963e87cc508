import java.io.PrintWriter;
import java.util.Arrays;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs JUnit tests inside the arm64 guest (no Maven there): each argument a package name or a
 * fully qualified class name. Prints every test's outcome and the failures with their stack
 * traces; exits 0 when at least one test ran and none failed, 1 otherwise.
 */
public final class GuestTestMain {
    public static void main(String[] args) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (String a : args) {
            boolean isClass = Character.isUpperCase(a.substring(a.lastIndexOf('.') + 1).charAt(0));
            request.selectors(isClass ? DiscoverySelectors.selectClass(a) : DiscoverySelectors.selectPackage(a));
        }
        LauncherDiscoveryRequest built = request.build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        TestExecutionListener progress = new TestExecutionListener() {
            private final java.util.Map<String, Long> started = new java.util.HashMap<>();

            @Override
            public void executionStarted(TestIdentifier id) {
                started.put(id.getUniqueId(), System.nanoTime());
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                System.out.println("SKIPPED " + id.getDisplayName() + ": " + reason);
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                // The time each test took in the guest: what the CI budget is spent on.
                long ms = (System.nanoTime() - started.getOrDefault(id.getUniqueId(), System.nanoTime())) / 1_000_000;
                if (id.isTest()) System.out.println(result.getStatus() + " " + ms + " ms " + id.getUniqueId());
            }
        };
        launcher.execute(built, summary, progress);
        TestExecutionSummary s = summary.getSummary();
        s.printFailuresTo(new PrintWriter(System.out, true), 30);
        s.printTo(new PrintWriter(System.out, true));
        boolean ok = s.getTotalFailureCount() == 0 && s.getTestsSucceededCount() > 0;
        if (s.getTestsFoundCount() == 0) System.out.println("no tests found for " + Arrays.toString(args));
        System.exit(ok ? 0 : 1);
    }
}
