/* Record/replay fixture: a forked child runs unrecorded and writes a file; the parent waits. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <x86intrin.h>

int main(int argc, char **argv) {
    pid_t child = fork();
    if (child == 0) {
        unsigned long long t = __rdtsc(); // must run natively in the unrecorded child
        FILE *f = fopen(argv[1], "w");
        if (f) { fprintf(f, "child %llu\n", t > 0); fclose(f); }
        _exit(5);
    }
    int status = 0;
    waitpid(child, &status, 0);
    printf("child exited %d\n", WEXITSTATUS(status));
    return 0;
}
