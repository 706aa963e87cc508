/*
 * The physical floor for single-stepping: a minimal C loop of PTRACE_SINGLESTEP + waitpid +
 * PTRACE_GETREGS, tracer and tracee pinned to one CPU. Runs to main through an int3 first.
 * Usage: ptrace_floor PROGRAM MAIN_ADDRESS STEPS CPU   (prints steps per second)
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 5) { fprintf(stderr, "usage: %s PROGRAM MAIN_ADDRESS STEPS CPU\n", argv[0]); return 2; }
    unsigned long main_addr = strtoul(argv[2], 0, 0);
    long steps = atol(argv[3]);
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(atoi(argv[4]), &set);
    sched_setaffinity(0, sizeof set, &set);
    pid_t pid = fork();
    if (pid == 0) {
        personality(ADDR_NO_RANDOMIZE);
        ptrace(PTRACE_TRACEME, 0, 0, 0);
        execl(argv[1], argv[1], (char *) 0);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    long orig = ptrace(PTRACE_PEEKTEXT, pid, main_addr, 0);
    ptrace(PTRACE_POKETEXT, pid, main_addr, (orig & ~0xffL) | 0xcc);
    ptrace(PTRACE_CONT, pid, 0, 0);
    waitpid(pid, &status, 0);
    struct user_regs_struct regs;
    ptrace(PTRACE_GETREGS, pid, 0, &regs);
    ptrace(PTRACE_POKETEXT, pid, main_addr, orig);
    regs.rip = main_addr;
    ptrace(PTRACE_SETREGS, pid, 0, &regs);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (long i = 0; i < steps; i++) {
        ptrace(PTRACE_SINGLESTEP, pid, 0, 0);
        waitpid(pid, &status, __WALL);
        ptrace(PTRACE_GETREGS, pid, 0, &regs);
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    double secs = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
    printf("%.0f\n", steps / secs);
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return 0;
}
