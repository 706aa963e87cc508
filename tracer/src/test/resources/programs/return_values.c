/* Values returned in each of the x86-64 System V ABI's places: a long double in st0, a small
   structure in rax:rdx, one of doubles in xmm0:xmm1, a large one in memory (rax its address). */
#include <stdio.h>

struct pair { long a, b; };
struct coords { double x, y; };
struct big { long v[4]; };

static long double third(long double x) {
    return x / 3; // BREAK: third
}

static struct pair make_pair(long a) {
    struct pair p = {a, a + 1};
    return p; // BREAK: pair
}

static struct coords make_coords(double x) {
    struct coords c = {x, x * 2};
    return c; // BREAK: coords
}

static struct big make_big(long a) {
    struct big b = {{a, a + 1, a + 2, a + 3}};
    return b; // BREAK: big
}

int main(void) {
    long double t = third(1.0L);
    struct pair p = make_pair(5);
    struct coords c = make_coords(1.5);
    struct big b = make_big(10);
    printf("%Lg %ld %ld %g %g %ld\n", t, p.a, p.b, c.x, c.y, b.v[3]); // BREAK: print
    return 0;
}
