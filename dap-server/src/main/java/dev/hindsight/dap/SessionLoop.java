package dev.hindsight.dap;

import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one session's tasks one at a time and in order, each to its end before the next starts,
 * so the session needs no locks. They run on the session's own thread, except a task handed to
 * {@link #runHere} while the loop is idle: that one runs at once on the caller's thread (the
 * transport's reader), which is waiting anyway. A request answered from the current stop then
 * costs no thread wake-up on the way in: waking the session's thread cost about a quarter of a
 * warm DAP round trip on a two-core VM. Whichever thread runs a task holds the loop's turn until
 * the task and what it queued in the meantime (its stop, at most {@link #INLINE_FOLLOWERS} tasks)
 * are done; the rest goes to the session's thread.
 */
final class SessionLoop {
    /** Tasks queued during an inline one (its stopped event) that its thread runs too, not more: a flood of program output goes to the session's thread. */
    private static final int INLINE_FOLLOWERS = 8;

    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final Thread worker;
    /** After each task that leaves the queue empty (flush what is held), on the thread holding the turn. */
    private final Runnable whenIdle;
    /** The thread running the session's tasks now, null when none is. */
    private Thread turn;
    private boolean shutdown;

    SessionLoop(String name, Runnable whenIdle) {
        this.whenIdle = whenIdle;
        worker = new Thread(this::work, name);
        worker.setDaemon(true);
        worker.start();
    }

    /** True on the thread that holds the turn: what it sends is part of the task being run. */
    synchronized boolean isCurrent() {
        return turn == Thread.currentThread();
    }

    /** Queues a task; the session's thread runs it after those queued before. */
    void execute(Runnable task) {
        synchronized (this) {
            if (shutdown) throw new RejectedExecutionException("the session is closed");
            queue.add(task);
            if (turn == null) notifyAll();
        }
    }

    /** Queues a task and tells when it ran. */
    <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> done = new CompletableFuture<>();
        execute(() -> {
            try {
                done.complete(task.call());
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done;
    }

    /** True when no task waits (the one running may be the caller). */
    synchronized boolean nothingQueued() {
        return queue.isEmpty();
    }

    /** True when no task runs or waits. */
    synchronized boolean idle() {
        return turn == null && queue.isEmpty();
    }

    /**
     * Runs {@code task} on this thread when nothing of the session runs or waits, else queues it
     * as {@link #execute} does. For tasks that never wait for the caller's thread itself.
     */
    void runHere(Runnable task) {
        synchronized (this) {
            if (shutdown) throw new RejectedExecutionException("the session is closed");
            if (turn != null || !queue.isEmpty()) {
                queue.add(task);
                if (turn == null) notifyAll();
                return;
            }
            turn = Thread.currentThread();
        }
        Runnable next = task;
        try {
            for (int followers = 0; next != null; followers++) {
                run(next);
                synchronized (this) {
                    next = followers < INLINE_FOLLOWERS ? queue.poll() : null;
                }
            }
        } finally {
            synchronized (this) {
                turn = null;
                if (!queue.isEmpty() || shutdown) notifyAll(); // what is left: the session's thread
            }
        }
    }

    /** No more tasks are accepted; those queued still run, then the session's thread ends. */
    void shutdown() {
        synchronized (this) {
            shutdown = true;
            notifyAll();
        }
    }

    private void work() {
        while (true) {
            Runnable task;
            synchronized (this) {
                while (turn != null || queue.isEmpty()) {
                    if (shutdown && queue.isEmpty() && turn == null) return;
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                task = queue.poll();
                turn = worker;
            }
            try {
                run(task);
            } finally {
                synchronized (this) {
                    turn = null;
                }
            }
        }
    }

    /** One task, then the idle work when it left nothing queued. */
    private void run(Runnable task) {
        task.run();
        boolean nothingQueued;
        synchronized (this) {
            nothingQueued = queue.isEmpty();
        }
        if (nothingQueued) whenIdle.run();
    }
}
