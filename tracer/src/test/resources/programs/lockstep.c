/* Lockstep fixture: calls, loops, arithmetic, memory, libc (printf, strlen, malloc). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct point { int x; int y; };

/* Initialise malloc before main, so its per-run random key exists when the oracle zeroes it. */
__attribute__((constructor)) static void warm_up_malloc(void) {
    free(malloc(1));
}

static long fib(int n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static void scale(struct point *p, int k) {
    p->x *= k;
    p->y *= k;
}

int main(int argc, char **argv) {
    struct point p = {3, 4};
    scale(&p, argc + 1); // BREAK: scale
    long f = fib(10);
    char *copy = malloc(32);
    strcpy(copy, "lockstep");
    size_t n = strlen(copy); // BREAK: copied
    double d = (double) f / 3.0;
    printf("%d %d %ld %zu %.3f\n", p.x, p.y, f, n, d);
    free(copy); // BREAK: printed
    return (int) (n + f) & 0x7f;
}
