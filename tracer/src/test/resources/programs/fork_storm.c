/* Forks many short-lived children as fast as it can, then reaps them: the kernel may report a
 * child's first stop before its parent's fork event, and the engine must still let every child go. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 300;
    int forked = 0, reaped = 0;
    for (int i = 0; i < n; i++) {
        pid_t c = fork();
        if (c == 0) {
            /* Busy children on the same CPU keep the debugger's thread from its waitpid, so the
             * next child's first stop and its parent's fork event are both waiting there. */
            for (volatile long k = 0; k < 300000; k++) { }
            _exit(7);
        }
        if (c > 0) forked++;
    }
    while (wait(NULL) > 0) reaped++;
    printf("forked %d, reaped %d\n", forked, reaped); // BREAK: done
    return 0;
}
