/* Record/replay fixture: every kind of nondeterministic input, then exit code 3.
 * argv[1]: a file to write (it must exist after the recording, and not be written again by a replay). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/random.h>
#include <x86intrin.h>

static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); } // recursion

int main(int argc, char **argv) {
    char line[128] = {0};
    if (!fgets(line, sizeof line, stdin)) strcpy(line, "(none)\n");
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    time_t now = time(NULL);
    unsigned long long tsc = __rdtsc();
    unsigned char urandom[16] = {0}, grand[16] = {0};
    int fd = open("/dev/urandom", O_RDONLY);
    if (fd >= 0) { if (read(fd, urandom, sizeof urandom) < 0) return 9; close(fd); }
    if (getrandom(grand, sizeof grand, 0) < 0) return 8;
    size_t n = 1 << 20;
    unsigned char *big = malloc(n), *small = malloc(40); // allocation: mmap and brk
    unsigned sum = 0;
    for (size_t i = 0; i < 512; i++) big[i] = (unsigned char) (i * 7 + urandom[i % 16]); // compute loop
    for (size_t i = 0; i < 512; i++) sum += big[i];
    memcpy(small, grand, 16);
    if (argc > 1) {
        FILE *f = fopen(argv[1], "w");
        if (f) { fprintf(f, "written at %ld\n", (long) now); fclose(f); }
    }
    printf("line=%s", line);
    printf("clock=%ld.%09ld time=%ld tsc=%llu\n", (long) ts.tv_sec, ts.tv_nsec, (long) now, tsc);
    printf("urandom=%02x%02x%02x%02x getrandom=%02x%02x sum=%u fib=%ld\n", urandom[0], urandom[1], urandom[2], urandom[3],
           small[0], small[1], sum, fib(10));
    fprintf(stderr, "to stderr\n");
    free(big);
    free(small);
    return 3; // BREAK: exit
}
