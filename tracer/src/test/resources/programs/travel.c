#include <stdio.h>

/* Reverse execution: loops, calls with and without line information, recursion, a struct
   written through a pointer. Its lines are found by the BREAK markers. */
struct point { int x, y; };

static int square(int v) {
    int r = v * v; // BREAK: square
    return r;
}

static void move(struct point *p, int dx) {
    p->x += dx; // BREAK: move
    p->y -= dx;
}

int fact(int n) {
    if (n <= 1) return 1;
    return n * fact(n - 1);
}

int main(void) {
    struct point pt = {1, 2};
    int sum = 0; // BREAK: start
    for (int i = 0; i < 4; i++) {
        sum += square(i); // BREAK: loop
        move(&pt, i);
    }
    int f = fact(4);
    printf("%d %d %d %d\n", sum, pt.x, pt.y, f); // BREAK: print
    return sum > 100; // BREAK: end
}
