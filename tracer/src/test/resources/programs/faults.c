/* One fault per argument: the engine must stop at the faulting instruction with the right signal. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

volatile int zero = 0;

int divide(int a, int b) {
    return a / b; // BREAK: divide
}

void write_bad_pointer(void) {
    *(volatile int *) 0x10 = 1; // BREAK: segv
}

int main(int argc, char **argv) {
    const char *what = argc > 1 ? argv[1] : "exit";
    if (!strcmp(what, "segv")) write_bad_pointer();
    if (!strcmp(what, "fpe")) return divide(7, zero);
    if (!strcmp(what, "abort")) abort();
    if (!strcmp(what, "ill")) __builtin_trap();
    if (!strcmp(what, "bus")) {
        /* A page of an empty file mapped: touching it is SIGBUS. */
        volatile char *page = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fileno(tmpfile()), 0);
        return page == MAP_FAILED ? 3 : page[0];
    }
    if (!strcmp(what, "trap")) {
        __builtin_debugtrap(); // BREAK: trap
        return 5; /* execution continues after the program's own int3 */
    }
    if (!strcmp(what, "term")) raise(SIGTERM);
    if (!strcmp(what, "usr1")) {
        signal(SIGUSR1, SIG_IGN);
        raise(SIGUSR1); /* passed through silently, then ignored by the program */
        return 9;
    }
    return 42;
}
