/* Lines per second arriving on stdin, counted from the moment the FROM-th line arrived to the last
 * byte: `hindsight trace --json` measured in the pipe, without its start-up (JVM, compile, the run
 * to main) and its first stops (the JIT warming up). Prints "LINES RATE". Usage: ... | linerate FROM */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    long from = argc > 1 ? atol(argv[1]) : 0, lines = 0, at_start = -1;
    double start = 0, last = 0;
    static char buf[1 << 16];
    ssize_t n;
    while ((n = read(0, buf, sizeof buf)) > 0) {
        double t = now();
        for (ssize_t i = 0; i < n; i++) lines += buf[i] == '\n';
        if (at_start < 0 && lines >= from) {
            at_start = lines;
            start = t;
        }
        last = t;
    }
    double rate = at_start >= 0 && last > start ? (lines - at_start) / (last - start) : 0;
    printf("%ld %.0f\n", lines, rate);
    return 0;
}
