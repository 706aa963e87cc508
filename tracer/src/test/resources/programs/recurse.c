#include <stdio.h>

int depth_reached;

int recurse(int n) {
    if (n > depth_reached) depth_reached = n; // BREAK: body
    return n == 0 ? 0 : 1 + recurse(n - 1);
}

int main(void) {
    int r = recurse(4); // BREAK: call
    printf("%d\n", r);
    return r;
}
