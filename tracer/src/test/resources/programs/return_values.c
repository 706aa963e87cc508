/* Values returned in each of the x86-64 System V ABI's places: a long double in st0, a small
   structure in rax:rdx, one of doubles in xmm0:xmm1, one of both
   in rax and xmm0, a large one in memory (rax its address). */
#include <stdio.h>

struct pair { long a, b; };
struct coords { double x, y; };
struct big { long v[4]; };
struct mixed { int n; double d; };

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

static struct mixed make_mixed(int n) {
    struct mixed m = {n, n / 4.0};
    return m; // BREAK: mixed
}

int main(void) {
    long double t = third(1.0L);
    struct pair p = make_pair(5);
    struct coords c = make_coords(1.5);
    struct big b = make_big(10);
    struct mixed m = make_mixed(3);
    printf("%Lg %ld %ld %g %g %ld\n", t, p.a, p.b, c.x, c.y, b.v[3] + m.n); // BREAK: print
    return 0;
}
