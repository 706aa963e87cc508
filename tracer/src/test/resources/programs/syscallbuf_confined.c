/*
 * Record/replay fixture for a confined recording with the system-call buffer: buffered writes,
 * calls the confinement's seccomp filter refuses (unshare: EPERM; clone3: ENOSYS), which fail
 * without stopping the recorder once the buffer's filter is in, and a fork whose child the
 * recorder keeps traced.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void say(const char *what, long r) {
    char line[128];
    int n = snprintf(line, sizeof line, "%s: %ld errno %d\n", what, r, r < 0 ? errno : 0);
    write(1, line, (size_t) n);
}

int main(void) {
    errno = 0;
    say("unshare", syscall(SYS_unshare, 0));
    errno = 0;
    say("clone3", syscall(SYS_clone3, NULL, 0));
    pid_t child = fork();
    if (child == 0) {
        write(1, "child\n", 6);
        _exit(3);
    }
    int status = -1;
    waitpid(child, &status, 0);
    say("child exited", WEXITSTATUS(status));
    return 0;
}
