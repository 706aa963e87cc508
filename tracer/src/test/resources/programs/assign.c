/* Writes through the debugger: every scalar kind is changed at the marker and printed afterwards. */
#include <stdio.h>

enum level { LOW, MID, HIGH };

struct pair {
    int a;
    unsigned b : 4;
    signed c : 3;
};

int counter = 1;

int main(void) {
    char c = 'a';
    short s = 1;
    int i = 2;
    long l = 3;
    unsigned char uc = 4;
    unsigned long long ull = 5;
    float f = 1.5f;
    double d = 2.5;
    long double ld = 3.5L;
    _Bool flag = 0;
    enum level lv = LOW;
    int other = 9;
    int *p = &i;
    struct pair pr = {1, 2, -1};
    volatile int v = 0;
    v++; // BREAK: assign
    printf("%c %d %d %ld %u %llu %g %g %Lg %d %d %d %d %u %d %d %d\n", c, s, i, l, uc, ull, f, d, ld, flag, lv, *p,
           pr.a, pr.b, pr.c, v, counter);
    return 0;
}
