/* The index module's workload: a loop, recursion, memcpy, heap memory, floating point and
 * output, scaled by argv[1] (the number of rounds), so a single-stepped run has every kind of
 * instruction and write the index stores. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char source[4096];
static double averages[16];
long total;

static long fib(int n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2); // BREAK: fib
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 2;
    char *copy = malloc(sizeof source);
    for (int i = 0; i < (int) sizeof source; i++) source[i] = (char) (i * 7);
    for (int r = 0; r < rounds; r++) {
        memcpy(copy, source, sizeof source);
        for (int i = 0; i < 64; i++) total += copy[i * 61 % 4096] + r; // BREAK: loop
        total += fib(12);
        averages[r % 16] = (double) total / (r + 1);
        printf("round %d total %ld average %.2f\n", r, total, averages[r % 16]);
    }
    free(copy);
    return (int) (total & 0x3f);
}
