/* Optimized code: variables in registers, location lists, entry values, constants folded away. */
#include <stdio.h>

struct acc {
    long sum;
    int count;
};

__attribute__((noinline)) static long weigh(long x, int factor) {
    long scaled = x * factor;
    long biased = scaled + 7;
    asm volatile("" ::: "memory");
    return biased ^ (scaled >> 3); // BREAK: weigh
}

__attribute__((noinline)) static long probe(long x) {
    asm volatile("" ::: "memory");
    return x + 1; // BREAK: probe
}

static inline __attribute__((always_inline)) long clamp(long v, long lo, long hi) {
    long r = v < lo ? lo : v > hi ? hi : v;
    return probe(r) - 1;
}

__attribute__((noinline)) static void add(struct acc *a, long v) {
    a->sum += weigh(clamp(v, 0, 40), 3); // BREAK: add
    a->count++; // BREAK: add_after
}

int main(int argc, char **argv) {
    struct acc a = {0, 0};
    for (int i = 0; i < 5 + argc; i++) add(&a, i * 11);
    double mean = (double) a.sum / a.count;
    printf("%ld %d %.2f %s\n", a.sum, a.count, mean, argv[0]); // BREAK: print
    return 0;
}
