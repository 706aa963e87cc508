/* The AArch64 thread-local test's program (dev.hindsight.tracer.aarch64.ThreadLocalTest): a __thread
 * int whose initial image says 42 and a __thread array after it; the main thread changes its copies
 * (47, {1, 2, 4700}) and a second thread its own (99, {7, 2, 3}), each in its block after the TCB its
 * tpidr_el0 points at. The exit code sees a write made through the debugger. */
#include <pthread.h>

__thread int counter = 42;
__thread long history[3] = {1, 2, 3};

static void *worker(void *arg) {
    counter = 99;
    history[0] = 7;
    return arg; // BREAK: tls-thread
}

int main(void) {
    counter += 5;
    history[2] = counter * 100;
    pthread_t t;
    pthread_create(&t, 0, worker, 0);
    pthread_join(t, 0);
    return counter - 47; // BREAK: tls-set
}
