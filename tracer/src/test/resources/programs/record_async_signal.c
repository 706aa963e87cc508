/* Record/replay fixture: SIGALRM from an interval timer arrives in the middle of a computation,
 * far from any system call; its handler counts it once the loop is running. Replaying it means
 * finding the instant of that delivery again. */
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>

static volatile sig_atomic_t armed, ticks;

static void on_alrm(int sig) { ticks += armed && sig > 0; } // BREAK: handler

int main(void) {
    struct sigaction sa = {0};
    sa.sa_handler = on_alrm;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval every = {{0, 300}, {0, 300}};
    setitimer(ITIMER_REAL, &every, NULL);
    unsigned long acc = 1, n = 0;
    armed = 1; /* ticks before this (at system calls, while recording is slow) do not count */
    while (ticks < 1) { // BREAK: loop
        acc = acc * 6364136223846793005UL + 1442695040888963407UL;
        __builtin_ia32_pause(); /* a slow instruction: fewer iterations to step through in a test */
        n++;
    }
    armed = 0;
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &off, NULL);
    printf("ticks=%d n=%lu acc=%lx\n", (int) ticks, n, acc);
    return 0;
}
