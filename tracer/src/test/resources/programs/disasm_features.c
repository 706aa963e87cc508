/* Exercises instruction kinds a debugger must classify: direct and indirect calls, a jump table,
 * rip-relative globals, SSE floating point, string operations and a syscall. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

int counter = 5;
static double scale = 1.5;

static int twice(int x) { return 2 * x; }
static int thrice(int x) { return 3 * x; }

int pick(int which, int value) {
    switch (which) {
    case 0: return value + 1;
    case 1: return value * 7;
    case 2: return value - 3;
    case 3: return value ^ 0x55;
    case 4: return value << 2;
    default: return -1;
    }
}

double blend(double a, long n) {
    return a * scale + (double)n / 3.0;
}

int main(int argc, char **argv) {
    int (*fn)(int) = argc > 5 ? thrice : twice;
    char buffer[64];
    memset(buffer, 'x', sizeof buffer);
    counter += fn(argc) + pick(argc, counter);
    long pid = syscall(SYS_getpid);
    __asm__ volatile("" ::: "memory");
    printf("%d %f %ld %c\n", counter, blend(counter, pid), pid > 0 ? 1L : 0L, buffer[3]);
    return 0;
}
