/*
 * For SyscallBufferReplayTest: a read(2) through libc (buffered) that blocks on an empty pipe and
 * is interrupted by SIGALRM: first with a handler without SA_RESTART (read fails with EINTR),
 * then with SA_RESTART and a handler that writes a byte into the pipe with write(2) (made while
 * the buffer's wrapper is busy: traced), so the restarted read returns it.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static int pipe_fds[2];
static volatile sig_atomic_t alarms;

static void on_alarm(int sig) {
    alarms++;
    if (alarms == 2) write(pipe_fds[1], "x", 1);
}

static void arm(int restart) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sa.sa_flags = restart ? SA_RESTART : 0;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval t = {{0, 0}, {0, 50000}};
    setitimer(ITIMER_REAL, &t, NULL);
}

int main(void) {
    char c = 0;
    if (pipe(pipe_fds) != 0) return 100;
    arm(0);
    ssize_t first = read(pipe_fds[0], &c, 1);
    int eintr = first < 0 && errno == EINTR;
    arm(1);
    ssize_t second = read(pipe_fds[0], &c, 1);
    printf("eintr=%d second=%zd byte=%c alarms=%d\n", eintr, second, c, (int) alarms);
    return 0;
}
