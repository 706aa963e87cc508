// A compute-bound run whose length is its argument (iterations of a small loop, ~10 instructions
// each), with a few system calls: for cutting into shards and for build benchmarks.
#include <stdio.h>
#include <stdlib.h>

static unsigned long mix(unsigned long x) {
    x ^= x >> 13;
    x *= 0x9e3779b97f4a7c15UL;
    return x ^ (x >> 7);
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 100000;
    unsigned long acc = 1;
    for (long i = 0; i < n; i++) {
        acc = mix(acc + (unsigned long) i); // BREAK: loop
        if (i % (n / 4 + 1) == 0) printf("at %ld: %lx\n", i, acc);
    }
    printf("acc=%lx\n", acc);
    return (int) (acc & 7);
}
