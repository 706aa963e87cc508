#include <stdio.h>

static void crash(int *p) {
    *p = 42; // BREAK: fault
}

int main(void) {
    printf("about to crash\n");
    fflush(stdout);
    crash(0);
    return 0;
}
