// A loop whose every iteration is known by hand, for reverse execution over DAP:
// iteration i sets last = i*i + 1 and adds it to total (0, 1, 3, 8, 18 before each addition,
// 35 at the end); two lines of output, each its own write (flushed), at i == 2 and at the end.
#include <stdio.h>

static int square(int v) {
    int r = v * v; // BREAK: square
    return r;
}

int main(void) {
    int total = 0; // BREAK: start
    int last = 0;
    for (int i = 0; i < 5; i++) {
        last = square(i) + 1; // BREAK: body
        total += last; // BREAK: accumulate
        if (i == 2) {
            printf("half %d\n", total); // BREAK: half
            fflush(stdout);
        }
    }
    // nothing here BREAK: nocode
    printf("total %d\n", total); // BREAK: print
    fflush(stdout);
    return 0;
}
