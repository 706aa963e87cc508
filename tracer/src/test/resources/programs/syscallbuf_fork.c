/*
 * Record/replay fixture for the system-call buffer with fork: the child (unrecorded) makes
 * buffered writes (libc's write, let through by the filter) and traced calls (getppid, exit),
 * which fail with ENOSYS unless the recorder keeps it traced; the parent waits for it, reads what
 * it wrote through a pipe (buffered reads) and prints it with the child's exit status.
 */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    int p[2];
    if (pipe(p) != 0) return 1;
    pid_t parent = getpid();
    pid_t child = fork();
    if (child == 0) {
        close(p[0]);
        const char *mine = getppid() == parent ? "child: my parent is known\n" : "child: getppid failed\n";
        for (int i = 0; i < 3; i++) write(p[1], mine, strlen(mine));
        _exit(7);
    }
    close(p[1]);
    int status = -1;
    pid_t waited = waitpid(child, &status, 0);
    char buf[256];
    size_t total = 0;
    ssize_t n;
    while ((n = read(p[0], buf + total, sizeof buf - 1 - total)) > 0) total += (size_t) n; // BREAK: parent_reads
    buf[total] = 0;
    char line[400];
    int len = snprintf(line, sizeof line, "%swaited=%d exited=%d code=%d\n", buf, waited == child, WIFEXITED(status), WEXITSTATUS(status));
    write(1, line, (size_t) len);
    return WEXITSTATUS(status) + 10;
}
