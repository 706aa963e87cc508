#include <stdio.h>

/* Data breakpoints on reads: a global read, written and read again at known lines, by main and
   by a callee; no instruction both reads and writes it. Its lines are found by the BREAK markers. */
int g = 5;
int other;

static int twice(void) {
    return g * 2; // BREAK: callee_read
}

int main(void) {
    int a = g; // BREAK: read1
    g = a + 1; // BREAK: write1
    other = 3; // BREAK: neither
    int b = twice();
    g = b; // BREAK: write2
    printf("%d %d\n", a, g); // BREAK: read2
    return 0;
}
