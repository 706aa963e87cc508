/* Recursion of a known depth: the calls into recurse() and the returns out of it are counted. */
#include <stdio.h>

#define DEPTH 300

int recurse(int n) {
    return n == 0 ? 0 : 1 + recurse(n - 1);
}

int main(void) {
    int r = recurse(DEPTH);
    printf("%d\n", r);
    return r == DEPTH ? 0 : 1;
}
