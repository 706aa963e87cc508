#include <stdio.h>

/* Reverse line steps over loops that run within one source line: tens of thousands of
   instructions of one line, across many of the index's 4096-instruction blocks, and a callee
   whose whole loop is one line. Its lines are found by the BREAK markers. */
static unsigned digits(unsigned long n) { unsigned d = 0; do { d++; n /= 10; } while (n); return d; } // BREAK: digits

int main(void) {
    unsigned long sum = 0; // BREAK: start
    for (unsigned long k = 0; k < 4000; k++) sum += k * k % 7; // BREAK: oneline
    unsigned d = digits(sum * 1000003);
    printf("%lu %u\n", sum, d);
    return 0;
}
