/* Compute-bound program for record.sh: no system calls in its loop. */
#include <stdio.h>
int main(int argc, char **argv) {
    unsigned long x = 1, n = argc > 1 ? 300000000UL : 300000000UL;
    for (unsigned long i = 0; i < n; i++) x = x * 6364136223846793005UL + i;
    printf("%lu\n", x);
    return 0;
}
