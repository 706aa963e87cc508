#include <stdio.h>
#include <stdlib.h>

static int compare(const void *a, const void *b) {
    int x = *(const int *)a; // BREAK: compare
    int y = *(const int *)b;
    return (x > y) - (x < y);
}

int main(void) {
    int v[3] = {3, 1, 2};
    puts("sorting"); // BREAK: puts
    qsort(v, 3, sizeof v[0], compare); // BREAK: qsort
    printf("%d %d %d\n", v[0], v[1], v[2]); // BREAK: print
    return v[0] - 1; // BREAK: return
}
