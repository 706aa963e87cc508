/*
 * For SyscallBufferReplayTest: many small read(2)s from a pipe (stdin) and write(2)s to stdout
 * and to a file, through libc's functions (which the system-call buffer wraps), then one write
 * that bypasses them with a raw system call and one through stdio (libc's internal write): those
 * two stop the recorder as usual. Then 300 writes of 4,000 bytes to stdout: more than the 1 MiB
 * buffer holds, so the library starts it again at least once. argv[1]: the file to write;
 * argv[2], if given: how many of those 4,000-byte writes (SyscallBufferBuildTest needs no restart).
 */
#include <ctype.h>
#include <stdlib.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 2) return 100;
    int fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) return 101;
    char buf[7];
    long total = 0, sum = 0;
    ssize_t n;
    while ((n = read(0, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            sum += (unsigned char) buf[i];
            buf[i] = (char) toupper((unsigned char) buf[i]);
        }
        if (write(1, buf, (size_t) n) != n || write(fd, buf, (size_t) n) != n) return 102;
        total += n;
    }
    close(fd);
    static char block[4000];
    memset(block, 'z', sizeof block);
    int blocks = argc > 2 ? atoi(argv[2]) : 300;
    for (int i = 0; i < blocks; i++) {
        if (write(1, block, sizeof block) != (ssize_t) sizeof block) return 103;
    }
    syscall(SYS_write, 2, "raw write\n", 10);
    printf("\ntotal=%ld sum=%ld\n", total, sum);
    return (int) (sum % 200);
}
