/* Record/replay fixture: signals with handlers, delivered at system call boundaries:
 * raise(SIGUSR1) (tgkill to itself) and SIGALRM interrupting pause(), which then fails with EINTR. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t usr1, alrm;

static void on_usr1(int sig) { usr1 += sig; } // BREAK: handler
static void on_alrm(int sig) { alrm = sig; }

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    sa.sa_handler = on_alrm;
    sigaction(SIGALRM, &sa, NULL);
    raise(SIGUSR1);
    alarm(1);
    int r = pause();
    int e = errno;
    printf("usr1=%d alrm=%d pause=%d eintr=%d\n", (int) usr1, (int) alrm, r, e == EINTR);
    return 0;
}
