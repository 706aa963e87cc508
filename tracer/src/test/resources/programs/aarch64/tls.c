/* The AArch64 thread-local test's program (dev.hindsight.tracer.aarch64.ThreadLocalTest): a __thread
 * int whose initial image says 42 and whose copy in the main thread's TLS block (after the TCB at
 * tpidr_el0) says 47, and a __thread array after it. */
__thread int counter = 42;
__thread long history[3] = {1, 2, 3};

int main(void) {
    counter += 5;
    history[2] = counter * 100;
    return counter - 47; // BREAK: tls-set
}
