/* Backtrace fixture: one scenario per argument (deep recursion, signal handlers, a fault inside
 * libc, threads, an inlined call), each stopping at a marker so gdb's bt can be compared. */
#include <assert.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

volatile int hits;
volatile int ready;
const char *volatile nothing;
void (*volatile nowhere)(void);
int fds[2];

int deepest(int n) {
    hits += n;
    return hits; // BREAK: deepest
}

int deep(int n) {
    if (n == 0) return deepest(n);
    return 1 + deep(n - 1);
}

void on_signal(int sig) {
    hits += sig; // BREAK: handler
}

void raise_it(void) {
    kill(getpid(), SIGUSR1);
}

void on_alarm(int sig) {
    ready = sig; // BREAK: alarm
}

void wait_for_alarm(void) {
    while (!ready) pause();
}

__attribute__((noinline)) int leaf(int x) {
    return x * 2; // BREAK: leaf
}

static inline __attribute__((always_inline)) int inlined(int x) {
    int y = x + 1;
    return leaf(y) + 1;
}

int outer(int x) {
    return inlined(x) - 1;
}

void crash(void) {
    *(volatile int *) 0 = 1;
}

/* Overwrites its own saved frame pointer, return address and more, then faults. */
void smash(void) {
    volatile long frame[2];
    for (int i = 0; i < 8; i++) frame[i] = 0x4141414141414141L;
    crash();
}

void blocked(void) {
    char c;
    ready = 1;
    read(fds[0], &c, 1);
}

void *worker(void *arg) {
    hits += (int) (long) arg; // BREAK: worker
    blocked();
    return NULL;
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "deep";
    if (!strcmp(mode, "deep")) return deep(50) & 0x7f;
    if (!strcmp(mode, "signal")) {
        signal(SIGUSR1, on_signal);
        raise_it();
        return 0;
    }
    if (!strcmp(mode, "raise")) {
        signal(SIGUSR1, on_signal);
        raise(SIGUSR1);
        return 0;
    }
    if (!strcmp(mode, "abort")) abort();
    if (!strcmp(mode, "alarm")) {
        signal(SIGALRM, on_alarm);
        struct itimerval t = {{0, 20000}, {0, 20000}}; /* repeats: a tick before pause() is not lost */
        setitimer(ITIMER_REAL, &t, NULL);
        wait_for_alarm();
        return 0;
    }
    if (!strcmp(mode, "sleep")) {
        signal(SIGALRM, on_alarm);
        struct itimerval t = {{0, 20000}, {0, 20000}};
        setitimer(ITIMER_REAL, &t, NULL);
        usleep(2000000); /* the tick interrupts glibc's nanosleep */
        return 0;
    }
    if (!strcmp(mode, "strlen")) return (int) strlen(nothing);
    if (!strcmp(mode, "inline")) return outer(20);
    if (!strcmp(mode, "null")) nowhere();
    if (!strcmp(mode, "smash")) smash();
    if (!strcmp(mode, "assert")) assert(argc > 5);
    if (!strcmp(mode, "doublefree")) {
        char *volatile p = malloc(16);
        free(p);
        free(p); /* glibc aborts from inside free */
    }
    if (!strcmp(mode, "vdso")) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return ts.tv_sec < 0;
    }
    if (!strcmp(mode, "threads")) {
        pthread_t t;
        pipe(fds);
        pthread_create(&t, NULL, worker, (void *) 7);
        while (!ready) usleep(1000);
        usleep(50000);
        write(fds[1], "x", 1); // BREAK: threads_main
        pthread_join(t, NULL);
        return 0;
    }
    return 1;
}
