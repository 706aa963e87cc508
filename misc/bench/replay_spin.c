/* Benchmark workload for replay stepping: spin.c's loop, bounded so that it can be recorded. */
volatile unsigned long sink;

int main(void) {
    for (unsigned long i = 0; i < 3000000UL; i++) sink += i ^ (i >> 3);
    return 0;
}
