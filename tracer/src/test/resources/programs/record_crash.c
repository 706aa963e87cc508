/* Record/replay fixture: prints, then dies: "segv" by a null write, "abort" by abort(). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    printf("about to crash\n");
    fflush(stdout);
    if (argc > 1 && strcmp(argv[1], "abort") == 0) abort();
    volatile int *p = 0;
    *p = 42; // BREAK: crash
    return 0;
}
