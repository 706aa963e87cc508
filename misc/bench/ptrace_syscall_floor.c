/* The floor of any ptrace recorder: PTRACE_SYSCALL to each entry and exit plus GETREGS, in C. Used by record.sh. */
#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <sys/user.h>
#include <unistd.h>
#include <time.h>
int main(int argc, char **argv) {
    pid_t p = fork();
    if (p == 0) { ptrace(PTRACE_TRACEME, 0, 0, 0); execv(argv[1], argv + 1); return 127; }
    int st; waitpid(p, &st, 0);
    ptrace(PTRACE_SETOPTIONS, p, 0, PTRACE_O_TRACESYSGOOD);
    struct timespec a, b; clock_gettime(CLOCK_MONOTONIC, &a);
    long n = 0; struct user_regs_struct r;
    while (1) {
        ptrace(PTRACE_SYSCALL, p, 0, 0);
        waitpid(p, &st, 0);
        if (WIFEXITED(st) || WIFSIGNALED(st)) break;
        ptrace(PTRACE_GETREGS, p, 0, &r); n++;
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    double s = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
    fprintf(stderr, "stops %ld, %.1f us per syscall (2 stops)\n", n, s / (n / 2) * 1e6);
    return 0;
}
