/* Benchmark workload: a long user-space loop, so every step is an ordinary instruction. */
volatile unsigned long sink;

int main(void) {
    for (unsigned long i = 0; i < 4000000000UL; i++) sink += i ^ (i >> 3);
    return 0;
}
