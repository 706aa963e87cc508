/* Core file fixture: a few frames with locals, a heap block and a global; stopped by gcore at
 * "snapshot", or crashed by a null write at "crash" when run with the argument "crash". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long counter = 7;
char greeting[16] = "core dump";

static int crash(int *where, int value) {
    *where = value; // BREAK: crash
    return value;
}

static int inner(int depth, const char *label) {
    int doubled = depth * 2;
    char *heap = malloc(32);
    strcpy(heap, label);
    counter += doubled;
    if (label[0] == 'c') return crash(NULL, doubled); // BREAK: calls_crash
    printf("%s %d\n", heap, doubled); // BREAK: snapshot
    free(heap);
    return doubled;
}

int main(int argc, char **argv) {
    int total = 0;
    double ratio = 2.5;
    for (int i = 1; i <= 2; i++) total += inner(i, argc > 1 ? argv[1] : "snap"); // BREAK: loop
    printf("%d %g\n", total, ratio);
    return 0;
}
