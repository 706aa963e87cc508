package dev.hindsight.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.dap.testing.Eventually;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The session's one-at-a-time task loop: order, who runs what, and the idle flush. */
@Timeout(60)
class SessionLoopTest {
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final AtomicInteger idle = new AtomicInteger();

    @Test
    void anIdleLoopRunsATaskOnTheCallersThreadHoldingTheTurn() {
        SessionLoop loop = new SessionLoop("test-session", idle::incrementAndGet);
        try {
            loop.runHere(() -> ran.add(Thread.currentThread().getName() + " current=" + loop.isCurrent()));
            assertEquals(List.of(Thread.currentThread().getName() + " current=true"), ran);
            assertEquals(1, idle.get(), "what it held is flushed as it ends");
            assertFalse(loop.isCurrent(), "the turn is given back");
        } finally {
            loop.shutdown();
        }
    }

    @Test
    void aBusyLoopQueuesTheTaskBehindTheRunningOneAndTheSessionThreadRunsItInOrder() throws Exception {
        SessionLoop loop = new SessionLoop("test-session", idle::incrementAndGet);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            loop.execute(() -> {
                started.countDown();
                await(release);
                ran.add("first");
            });
            assertTrue(started.await(30, TimeUnit.SECONDS));
            assertFalse(loop.idle());
            loop.runHere(() -> ran.add("second on " + Thread.currentThread().getName()));
            assertEquals(List.of(), ran, "nothing ran beside the running task");
            release.countDown();
            Eventually.holds("both ran, in order, the second on the session's thread: " + ran,
                    () -> ran.equals(List.of("first", "second on test-session")));
        } finally {
            loop.shutdown();
        }
    }

    @Test
    void whatATaskQueuesRunsAfterItOnTheSameThreadUpToABoundThenOnTheSessionThread() {
        SessionLoop loop = new SessionLoop("test-session", idle::incrementAndGet);
        String caller = Thread.currentThread().getName();
        try {
            loop.runHere(() -> {
                // As a step's stop arrives from the engine while its request still runs.
                for (int i = 0; i < 20; i++) {
                    int n = i;
                    loop.execute(() -> ran.add(n + " " + Thread.currentThread().getName()));
                }
            });
            Eventually.holds("all 20 ran: " + ran, () -> ran.size() == 20);
            for (int i = 0; i < ran.size(); i++) assertTrue(ran.get(i).startsWith(i + " "), "in order: " + ran);
            assertTrue(ran.get(0).endsWith(" " + caller), "the first follower on the caller's thread: " + ran);
            assertTrue(ran.get(19).endsWith(" test-session"), "a flood goes to the session's thread: " + ran);
            assertNotEquals(20, ran.stream().filter(r -> r.endsWith(" " + caller)).count());
        } finally {
            loop.shutdown();
        }
    }

    @Test
    void nothingRunsAfterShutdownButWhatWasQueued() throws Exception {
        SessionLoop loop = new SessionLoop("test-session", idle::incrementAndGet);
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> await(release));
        loop.execute(() -> ran.add("queued"));
        loop.shutdown();
        release.countDown();
        Eventually.holds("the queued task still ran", () -> ran.equals(List.of("queued")));
        try {
            loop.execute(() -> ran.add("late"));
            throw new AssertionError("accepted after shutdown");
        } catch (java.util.concurrent.RejectedExecutionException expected) {
            // refused, as an executor's
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
