#include <stdio.h>

/* hindsight/executions against a live run: a loop line that runs 3,000 times, across many of the
   index's 4096-instruction blocks and both shards of a test build, with values that change every
   iteration, a callee whose frame is written below the loop's, and output now and then. */
static unsigned long mix(unsigned long x) {
    x ^= x >> 13;
    x *= 0x9e3779b97f4a7c15UL;
    return x ^ (x >> 7);
}

int main(void) {
    unsigned long acc = 1;
    int small = 0;
    for (long i = 0; i < 3000; i++) {
        acc = mix(acc + (unsigned long) i); // BREAK: loop
        small = (small + (int) (acc & 0xff)) % 1000;
        if (i % 1000 == 0) printf("at %ld: %lx\n", i, acc);
    }
    printf("acc=%lx %d\n", acc, small);
    return 0;
}
