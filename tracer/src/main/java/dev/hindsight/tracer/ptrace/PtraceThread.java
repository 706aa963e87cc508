package dev.hindsight.tracer.ptrace;

import dev.hindsight.tracer.sys.NativeException;
import dev.hindsight.tracer.sys.Sched;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one thread that issues every ptrace call for one inferior (see the package documentation).
 * Work submitted from this thread itself runs inline, so engine code can call freely.
 */
public final class PtraceThread implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PtraceThread.class.getName());
    private static final AtomicInteger NEXT_CPU = new AtomicInteger();
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    public PtraceThread(boolean pinToCpu) {
        thread = new Thread(() -> run(pinToCpu), "ptrace-" + COUNT.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    private void run(boolean pin) {
        if (pin) pinSelf();
        while (!closed) {
            try {
                queue.take().run();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "uncaught failure on " + thread.getName(), e);
            }
        }
    }

    /** Spreads inferiors over the CPUs we may use; failure only costs speed. */
    private static void pinSelf() {
        try {
            int[] cpus = Sched.allowedCpus();
            if (cpus.length > 0) Sched.setAffinity(cpus[Math.floorMod(NEXT_CPU.getAndIncrement(), cpus.length)]);
        } catch (NativeException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not pin ptrace thread: {0}", e.getMessage());
        }
    }

    public boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code work} on this thread and returns its result, rethrowing its failure. */
    public <T> T call(Callable<T> work) {
        if (isCurrent()) {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            return submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the ptrace thread", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        }
    }

    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Queues {@code work}; the future completes on this thread. */
    public <T> CompletableFuture<T> submit(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("session closed"));
            return result;
        }
        queue.add(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /** Ends the thread once queued work is done; with EXITKILL this also kills a surviving tracee. */
    @Override
    public void close() {
        if (closed) return;
        queue.add(() -> closed = true);
    }
}
